/**
 * A hazard workflow event applied to the stored hazard: the state machine (hazard-workflow.ts) says
 * whether it may happen; this step writes the event's data next to the new status (deadline,
 * referral, recheck, feedback, the 处理/整改/复查/销号 times) and re-derives the inspection.
 */
import { type HazardEvent, type HazardRefusal, type JointUnit, transitionHazard } from './hazard-workflow';
import { withDerivedOutcome } from './inspection-outcome';
import type { Hazard, RentalInspectionBody } from './rental-inspection';

type ResponsibleParty = NonNullable<Hazard['responsibleParty']>;

/** What the app asks for: the workflow event plus what is recorded with it. */
export type HazardAction =
  | { type: 'fixOnSite'; photoIds: readonly string[] }
  | { type: 'setDeadline'; deadline: string; responsibleParty?: ResponsibleParty }
  | { type: 'refer'; referredTo: JointUnit }
  | { type: 'reportFixed' }
  | {
      type: 'recheck';
      /** A fresh child id: rechecks are appended, so two devices' rechecks merge. */
      id: string;
      result: 'passed' | 'failed';
      by: string;
      note?: string;
      photoIds?: readonly string[];
    }
  | { type: 'deptFeedback'; note: string }
  | { type: 'close' };

export type HazardActionResult = { ok: true; hazard: Hazard } | { ok: false; reason: HazardRefusal };

function eventOf(action: HazardAction, at: string): HazardEvent {
  switch (action.type) {
    case 'recheck':
      return { type: 'recheck', result: action.result, at, by: action.by };
    case 'fixOnSite':
      return { type: 'fixOnSite', photoIds: action.photoIds };
    default:
      return action;
  }
}

const mergePhotos = (a: readonly string[] | undefined, b: readonly string[] | undefined) => [
  ...new Set([...(a ?? []), ...(b ?? [])]),
];

/** The hazard after `action` at `now`, or why the workflow refuses it. */
export function applyHazardAction(hazard: Hazard, action: HazardAction, now: Date): HazardActionResult {
  const at = now.toISOString();
  const transition = transitionHazard(hazard.status, eventOf(action, at), {
    now,
    ...(hazard.deadline === undefined ? {} : { deadline: hazard.deadline }),
  });
  if (!transition.ok) return transition;
  const next: Hazard = { ...hazard, status: transition.state };
  switch (action.type) {
    case 'fixOnSite':
      return {
        ok: true,
        hazard: {
          ...next,
          handling: 'onSite',
          photoIds: mergePhotos(hazard.photoIds, action.photoIds),
          processedAt: hazard.processedAt ?? at,
          rectifiedAt: at,
        },
      };
    case 'setDeadline':
      return {
        ok: true,
        hazard: {
          ...next,
          handling: 'deadline',
          deadline: action.deadline,
          ...(action.responsibleParty ? { responsibleParty: action.responsibleParty } : {}),
          processedAt: hazard.processedAt ?? at,
        },
      };
    case 'refer':
      return {
        ok: true,
        hazard: {
          ...next,
          handling: 'referred',
          referredTo: action.referredTo,
          processedAt: hazard.processedAt ?? at,
        },
      };
    case 'reportFixed':
      return { ok: true, hazard: { ...next, rectifiedAt: at } };
    case 'recheck': {
      const note = action.note?.trim();
      const photoIds = action.photoIds?.length ? { photoIds: [...action.photoIds] } : {};
      return {
        ok: true,
        hazard: {
          ...next,
          recheckedAt: at,
          rechecks: [
            ...hazard.rechecks,
            {
              id: action.id,
              at,
              by: action.by,
              result: action.result,
              ...(note ? { note } : {}),
              ...photoIds,
            },
          ],
        },
      };
    }
    case 'deptFeedback':
      return { ok: true, hazard: { ...next, feedback: action.note.trim() } };
    case 'close':
      return { ok: true, hazard: { ...next, closedAt: at } };
  }
}

/**
 * The inspection after `action` on one of its hazards: that hazard replaced in place, result and
 * status re-derived. Photos of a fix or a recheck stay on the hazard and its rechecks (photoIdsOf
 * finds them at any depth, so readers of the record can fetch them).
 */
export function applyHazardActionToInspection<B extends RentalInspectionBody>(
  body: B,
  hazardId: string,
  action: HazardAction,
  now: Date,
): { ok: true; body: B } | { ok: false; reason: HazardRefusal | 'notFound' } {
  const hazard = body.hazards.find((h) => h.id === hazardId);
  if (!hazard) return { ok: false, reason: 'notFound' };
  const result = applyHazardAction(hazard, action, now);
  if (!result.ok) return result;
  const hazards = body.hazards.map((h) => (h.id === hazardId ? result.hazard : h));
  return { ok: true, body: withDerivedOutcome({ ...body, hazards }) };
}
