/**
 * The hazard list of an inspection kept in step with its checklist: a hazard stays while its item is
 * still failed, and each newly failed item gets one, handled as the inspection's overall result says
 * (当场整改 / 限期整改 / 移交). Used by the inspection form and by the v1 → v2 upcaster.
 */
import {
  CHECKLIST_CATALOGUE,
  type ChecklistEntryFacts,
  hazardsFromChecklist,
  type PremisesFacts,
} from './checklist-catalogue';
import type { Hazard, RentalInspectionBody } from './rental-inspection';
import { type StreetThresholds, streetThresholds } from './street-thresholds';

export type HazardSyncOptions = {
  overallResult: RentalInspectionBody['overallResult'];
  rectificationDeadline?: string | undefined;
  /** A fresh child id for the n-th new hazard (random on a device, derived in an upcast). */
  newId: (n: number) => string;
  /** 隐患描述 when the item has no note: the item's name in the app's language. */
  describe: (itemCode: Hazard['itemCode']) => string;
  premises?: PremisesFacts;
  thresholds?: StreetThresholds;
};

const HANDLING_OF_RESULT = {
  noHazard: { handling: 'onSite', status: 'open' },
  fixedOnSite: { handling: 'onSite', status: 'fixedOnSite' },
  rectifying: { handling: 'deadline', status: 'rectifying' },
  referred: { handling: 'referred', status: 'referred' },
} as const satisfies Record<RentalInspectionBody['overallResult'], Pick<Hazard, 'handling' | 'status'>>;

/** The hazards for `checklist`: existing ones of still-failed items first, then new ones. */
export function hazardsForChecklist(
  checklist: readonly ChecklistEntryFacts[],
  existing: readonly Hazard[],
  options: HazardSyncOptions,
): Hazard[] {
  const failed = new Set(checklist.filter((entry) => entry.result === 'fail').map((entry) => entry.itemCode));
  const kept = existing.filter((hazard) => failed.has(hazard.itemCode));
  const covered = new Set(kept.map((hazard) => hazard.itemCode));
  const drafts = hazardsFromChecklist(
    checklist.filter((entry) => !covered.has(entry.itemCode)),
    CHECKLIST_CATALOGUE,
    options.thresholds ?? streetThresholds(),
    options.premises ?? { roomCount: 0, occupantCount: 0 },
  );
  const how = HANDLING_OF_RESULT[options.overallResult];
  const added = drafts.map((draft, index): Hazard => {
    const photoIds = [...draft.photoIds];
    // A fix on site is proven by a photo; without one the hazard stays open until it is taken.
    const status = how.status === 'fixedOnSite' && photoIds.length === 0 ? 'open' : how.status;
    const handling =
      how.handling === 'deadline' && options.rectificationDeadline === undefined ? 'onSite' : how.handling;
    return {
      id: options.newId(index + 1),
      itemCode: draft.itemCode,
      description: draft.description ?? options.describe(draft.itemCode),
      hazardLevel: draft.hazardLevel,
      handling,
      ...(handling === 'deadline' && options.rectificationDeadline !== undefined
        ? { deadline: options.rectificationDeadline }
        : {}),
      // Where a referral went is not known here; 综合执法 is the usual first stop ([S9]).
      ...(handling === 'referred' ? { referredTo: draft.reportTo ?? 'lawEnforcement' } : {}),
      status,
      rechecks: [],
      ...(photoIds.length > 0 ? { photoIds } : {}),
    };
  });
  return [...kept, ...added];
}
