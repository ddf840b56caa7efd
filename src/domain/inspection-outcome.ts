/**
 * What an inspection concluded, derived from its hazards rather than picked by hand: the 检查结论,
 * the workflow status (inspection-workflow.ts) and the 整改期限 printed on the notice.
 */
import { type InspectionStatus, inspectionStatusFor } from './inspection-workflow';
import type { Hazard, RentalInspectionBody } from './rental-inspection';

type OverallResult = RentalInspectionBody['overallResult'];
type HazardFacts = Pick<Hazard, 'handling' | 'status' | 'deadline'> & Partial<Hazard>;

/**
 * 检查结论: no hazard → 未发现隐患; any hazard given a deadline → 限期整改 (it decides when the
 * inspector comes back); otherwise any referral → 移交上报; otherwise everything was fixed on site.
 */
export function overallResultFor(hazards: readonly HazardFacts[]): OverallResult {
  if (hazards.length === 0) return 'noHazard';
  if (hazards.some((h) => h.handling === 'deadline')) return 'rectifying';
  if (hazards.some((h) => h.handling === 'referred')) return 'referred';
  return 'fixedOnSite';
}

/** The notice's 整改期限: the latest deadline among hazards to be fixed by a deadline. */
export function rectificationDeadlineFor(hazards: readonly HazardFacts[]): string | undefined {
  let latest: string | undefined;
  for (const h of hazards) {
    if (h.handling !== 'deadline' || h.deadline === undefined) continue;
    if (latest === undefined || h.deadline > latest) latest = h.deadline;
  }
  return latest;
}

export type InspectionOutcome = {
  overallResult: OverallResult;
  status: InspectionStatus;
  rectificationDeadline?: string;
};

/** Result, status and deadline of a submitted inspection with these hazards. */
export function inspectionOutcome(hazards: readonly HazardFacts[]): InspectionOutcome {
  const rectificationDeadline = rectificationDeadlineFor(hazards);
  return {
    overallResult: overallResultFor(hazards),
    status: inspectionStatusFor(hazards),
    ...(rectificationDeadline === undefined ? {} : { rectificationDeadline }),
  };
}

/** `body` with its result, status and deadline re-derived from its hazards (a stale deadline dropped). */
export function withDerivedOutcome<B extends Pick<RentalInspectionBody, 'hazards'>>(
  body: B,
): B & InspectionOutcome {
  const { rectificationDeadline: _stale, ...rest } = body as B & { rectificationDeadline?: string };
  return { ...(rest as B), ...inspectionOutcome(body.hazards) };
}
