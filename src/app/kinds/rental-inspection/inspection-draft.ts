/**
 * The inspection form's draft and the body it saves. Pure: the form, its tests and the start screen
 * share it. Hazards are not picked by hand: each failed item becomes one (hazardsForChecklist), the
 * inspector's choice for it is applied through the hazard workflow, and the inspection's result and
 * status are derived from the hazards (inspection-outcome.ts).
 */
import {
  CHECKLIST_CATALOGUE,
  CHECKLIST_SECTIONS,
  type ChecklistItemCode,
  type ChecklistSection,
  hazardsFromChecklist,
  type PremisesFacts,
} from '../../../domain/checklist-catalogue';
import { addDays, localDayOf } from '../../../domain/due-dates';
import type { GeoPoint } from '../../../domain/geo-point';
import { applyHazardAction, type HazardAction } from '../../../domain/hazard-actions';
import type { HazardLevel, JointUnit } from '../../../domain/hazard-workflow';
import { hazardsForChecklist } from '../../../domain/inspection-hazards';
import { withDerivedOutcome } from '../../../domain/inspection-outcome';
import type { RentalHouseBody } from '../../../domain/rental-house';
import {
  type CHECK_RESULTS,
  type Hazard,
  RESPONSIBLE_PARTIES,
  type RentalInspectionBody,
} from '../../../domain/rental-inspection';
import { type StreetThresholds, streetThresholds } from '../../../domain/street-thresholds';
import { type PhotoItem, photoIdsField, photoItemsFrom } from '../../components/photo-field';

export type ItemCode = ChecklistItemCode;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** One checklist answer and, once it fails, how its hazard is handled on the spot. */
export interface ChecklistAnswer {
  result: CheckResult | '';
  note: string;
  photos: PhotoItem[];
  /** The inspector's own 初判; empty = the catalogue's suggestion. */
  level: '' | HazardLevel;
  blocksExit: boolean;
  handling: '' | Hazard['handling'];
  fixPhotos: PhotoItem[];
  deadline: string;
  responsibleParty: string;
  referredTo: string;
}

export const emptyAnswer = (): ChecklistAnswer => ({
  result: '',
  note: '',
  photos: [],
  level: '',
  blocksExit: false,
  handling: '',
  fixPhotos: [],
  deadline: '',
  responsibleParty: '',
  referredTo: '',
});

export const ITEMS_BY_SECTION = Object.fromEntries(
  CHECKLIST_SECTIONS.map((section) => [
    section,
    (Object.keys(CHECKLIST_CATALOGUE) as ItemCode[]).filter(
      (code) => CHECKLIST_CATALOGUE[code].section === section,
    ),
  ]),
) as Record<ChecklistSection, ItemCode[]>;

export const ALL_ITEMS: readonly ItemCode[] = CHECKLIST_SECTIONS.flatMap(
  (section) => ITEMS_BY_SECTION[section],
);

/** The catalogue's suggested level for a failed item on these premises, and why (群租 → 重大…). */
export function suggestedLevel(
  code: ItemCode,
  answer: Pick<ChecklistAnswer, 'blocksExit'>,
  premises: PremisesFacts,
  thresholds: StreetThresholds = streetThresholds(),
) {
  const [draft] = hazardsFromChecklist(
    [{ itemCode: code, result: 'fail', blocksExit: answer.blocksExit }],
    CHECKLIST_CATALOGUE,
    thresholds,
    premises,
  );
  return { level: draft?.hazardLevel ?? 'general', basis: draft?.levelBasis ?? 'default' };
}

/** 限期整改 default: a week for a 一般隐患; a 重大隐患's deadline is the inspector's call. */
export function defaultDeadline(level: HazardLevel, now: Date = new Date()): string {
  return level === 'general' ? addDays(localDayOf(now), 7) : '';
}

export interface InspectionDraft {
  rentalHouseId: string;
  address: string;
  landlordName: string;
  landlordPhone: string;
  premises: PremisesFacts;
  inspectionType: string;
  specialTopic: string;
  jointUnits: string[];
  presentName: string;
  presentRelation: string;
  /** Names separated by 、 or commas. */
  inspectors: string;
  inspectedAt: string;
  answers: Partial<Record<ItemCode, ChecklistAnswer>>;
  occupantCountObserved: string;
  unregisteredPersons: string;
  noticeNo: string;
  remarks: string;
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

export type HouseRef = { id: string; body: RentalHouseBody };

/** A new inspection of `house` (header copied from it), or the draft of an existing inspection. */
export function inspectionDraftFrom(
  body: RentalInspectionBody | undefined,
  options: { house?: HouseRef | undefined; inspector: string; inspectedAt: string },
): InspectionDraft {
  const house = options.house;
  const answers: InspectionDraft['answers'] = {};
  for (const entry of body?.checklist ?? []) {
    answers[entry.itemCode] = {
      ...emptyAnswer(),
      result: entry.result,
      note: entry.note ?? '',
      photos: photoItemsFrom(entry.photoIds),
      level: entry.hazardLevel ?? '',
      blocksExit: entry.blocksExit ?? false,
    };
  }
  return {
    rentalHouseId: body?.rentalHouseId ?? house?.id ?? '',
    address: body?.address ?? house?.body.address ?? '',
    landlordName: body?.landlordName ?? house?.body.landlordName ?? '',
    landlordPhone: body?.landlordPhone ?? house?.body.landlordPhone ?? '',
    premises: {
      roomCount: house?.body.roomCount ?? 0,
      occupantCount: house?.body.occupantCount ?? 0,
    },
    inspectionType: body?.inspectionType ?? 'routine',
    specialTopic: body?.specialTopic ?? '',
    jointUnits: [...(body?.jointUnits ?? [])],
    presentName: body?.presentPerson?.name ?? '',
    presentRelation: body?.presentPerson?.relation ?? 'landlord',
    inspectors: body ? (body.inspectors ?? []).map((i) => i.name).join('、') : options.inspector,
    inspectedAt: options.inspectedAt,
    answers,
    occupantCountObserved:
      body?.occupantCountObserved === undefined ? '' : String(body.occupantCountObserved),
    unregisteredPersons: body?.unregisteredPersons === undefined ? '' : String(body.unregisteredPersons),
    noticeNo: body?.noticeNo ?? '',
    remarks: body?.remarks ?? '',
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

/** Failed items, and those of them still lacking a complete handling (new hazards only). */
export function failedItems(draft: InspectionDraft, recorded: ReadonlySet<ItemCode>) {
  const failed = ALL_ITEMS.filter((code) => draft.answers[code]?.result === 'fail');
  const unhandled = failed.filter((code) => {
    if (recorded.has(code)) return false;
    const a = draft.answers[code] ?? emptyAnswer();
    if (a.handling === 'onSite') return a.fixPhotos.length === 0;
    if (a.handling === 'deadline') return a.deadline === '';
    if (a.handling === 'referred') return a.referredTo === '';
    return true;
  });
  return { failed, unhandled };
}

/** Every photo the draft holds: the inspection's, each item's, and each fix's. */
export function draftPhotos(draft: InspectionDraft): PhotoItem[] {
  return [
    ...draft.photos,
    ...Object.values(draft.answers).flatMap((a) => (a ? [...a.photos, ...a.fixPhotos] : [])),
  ];
}

const int = (text: string) => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};

/** The inspector's choice for a new hazard, as hazard workflow actions (fix, then 销号 on the photo). */
function actionsFor(answer: ChecklistAnswer): HazardAction[] {
  switch (answer.handling) {
    case 'onSite': {
      const photoIds = answer.fixPhotos.map((p) => p.sha256);
      // 当场整改 is closed on the photo alone, with no recheck (hazard-workflow.ts).
      return photoIds.length > 0 ? [{ type: 'fixOnSite', photoIds }, { type: 'close' }] : [];
    }
    case 'deadline': {
      if (!answer.deadline) return [];
      const party = RESPONSIBLE_PARTIES.find((p) => p === answer.responsibleParty);
      return [
        { type: 'setDeadline', deadline: answer.deadline, ...(party ? { responsibleParty: party } : {}) },
      ];
    }
    case 'referred':
      return answer.referredTo ? [{ type: 'refer', referredTo: answer.referredTo as JointUnit }] : [];
    default:
      return [];
  }
}

export type InspectionBodyContext = {
  previous: RentalInspectionBody | undefined;
  now: Date;
  newId: () => string;
  describe: (code: ItemCode) => string;
  /** `{ patrolId }` for a new inspection made during a patrol. */
  patrol: { patrolId?: string };
  inspectorUserId?: string;
  /** The street's thresholds (群租 escalations); the defaults when absent. */
  thresholds?: StreetThresholds;
};

/** The body to save: checklist, hazards with their handling, derived result/status/deadline. */
export function inspectionBodyFrom(
  draft: InspectionDraft,
  context: InspectionBodyContext,
): Record<string, unknown> {
  const { previous, now } = context;
  const checklist = ALL_ITEMS.flatMap((itemCode) => {
    const a = draft.answers[itemCode];
    if (!a?.result) return [];
    const note = a.note.trim();
    // Fix photos are listed on the entry too: the server serves only photos it finds there or on the body.
    const photoIds = [
      ...new Set([...a.photos, ...(a.result === 'fail' ? a.fixPhotos : [])].map((p) => p.sha256)),
    ];
    return [
      {
        itemCode,
        result: a.result,
        ...(a.result === 'fail' && a.level && { hazardLevel: a.level }),
        ...(a.result === 'fail' && a.blocksExit && { blocksExit: true }),
        ...(note && { note }),
        ...(photoIds.length > 0 && { photoIds }),
      },
    ];
  });
  const existingIds = new Set((previous?.hazards ?? []).map((h) => h.id));
  const synced = hazardsForChecklist(checklist, previous?.hazards ?? [], {
    overallResult: 'noHazard',
    newId: () => context.newId(),
    describe: context.describe,
    premises: draft.premises,
    ...(context.thresholds && { thresholds: context.thresholds }),
  });
  const hazards = synced.map((hazard) => {
    if (existingIds.has(hazard.id)) return hazard;
    const answer = draft.answers[hazard.itemCode] ?? emptyAnswer();
    // The hazard's own photos show the problem; a fix's photo is added by fixOnSite.
    const itemPhotos = answer.photos.map((p) => p.sha256);
    const { photoIds: _all, ...rest } = hazard;
    let next: Hazard = { ...rest, ...(itemPhotos.length > 0 ? { photoIds: itemPhotos } : {}) };
    for (const action of actionsFor(answer)) {
      const result = applyHazardAction(next, action, now);
      // A refused choice (a deadline in the past) leaves the hazard open, to be handled on the detail screen.
      if (!result.ok) break;
      next = result.hazard;
    }
    return next;
  });
  const inspectors = draft.inspectors
    .split(/[、,，\s]+/)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name, index) => {
      const same = previous?.inspectors?.find((i) => i.name === name);
      return (
        same ?? {
          id: context.newId(),
          name,
          ...(index === 0 && !previous && context.inspectorUserId ? { userId: context.inspectorUserId } : {}),
        }
      );
    });
  const present = draft.presentName.trim();
  const specialTopic =
    draft.inspectionType === 'special' && draft.specialTopic ? draft.specialTopic : undefined;
  const phone = draft.landlordPhone.trim();
  // Fields this form does not edit are kept; everything it edits is rebuilt below.
  const {
    landlordPhone: _phone,
    specialTopic: _topic,
    jointUnits: _units,
    presentPerson: _present,
    inspectors: _inspectors,
    occupantCountObserved: _observed,
    unregisteredPersons: _unregistered,
    noticeNo: _notice,
    rectificationDeadline: _deadline,
    remarks: _remarks,
    location: _location,
    photoIds: _photoIds,
    ...kept
  } = previous ?? ({} as Partial<RentalInspectionBody>);
  const occupantCountObserved = int(draft.occupantCountObserved);
  const unregisteredPersons = int(draft.unregisteredPersons);
  return withDerivedOutcome({
    ...kept,
    ...(previous ? {} : context.patrol),
    ...(draft.rentalHouseId && { rentalHouseId: draft.rentalHouseId }),
    address: draft.address.trim(),
    landlordName: draft.landlordName.trim(),
    ...(phone && { landlordPhone: phone }),
    inspectionType: draft.inspectionType,
    ...(specialTopic && { specialTopic }),
    inspectedAt: draft.inspectedAt,
    ...(inspectors.length > 0 && { inspectors }),
    ...(draft.jointUnits.length > 0 && { jointUnits: draft.jointUnits }),
    ...(present && { presentPerson: { name: present, relation: draft.presentRelation } }),
    checklist,
    ...(occupantCountObserved !== undefined && { occupantCountObserved }),
    ...(unregisteredPersons !== undefined && { unregisteredPersons }),
    hazards,
    ...(draft.noticeNo.trim() && { noticeNo: draft.noticeNo.trim() }),
    ...(draft.remarks.trim() && { remarks: draft.remarks.trim() }),
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
  } as RentalInspectionBody);
}
