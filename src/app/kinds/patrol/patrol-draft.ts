/**
 * The patrol form's draft and the body it becomes. Pure, so what the form keeps (the track, the
 * status of a reviewed log) and what it writes can be tested without rendering.
 */
import type { GeoPoint } from '../../../domain/geo-point';
import {
  type AntiFraud,
  type Findings,
  NO_ANTI_FRAUD,
  NO_FINDINGS,
  PATROL_TYPES,
  type PatrolBody,
  type PatrolType,
} from '../../../domain/patrol';
import { type PhotoItem, photoIdsField, photoItemsFrom } from '../../components/photo-field';
import { fromLocalInputKeeping, toLocalInput } from '../../lib/format-time';

export interface Companion {
  id: string;
  name: string;
  duty: string;
}

export interface PatrolDraft {
  patrolTypes: PatrolType[];
  startedAt: string;
  endedAt: string;
  weather: string;
  companions: Companion[];
  householdsVisited: number;
  findings: Findings;
  selfResolvedCount: number;
  reportedCount: number;
  antiFraud: AntiFraud;
  content: string;
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

/**
 * `now` fills the start of a new log; `endNow` the end of a log finished from a running patrol.
 */
export function draftFrom(body: PatrolBody | undefined, now: Date): PatrolDraft {
  return {
    patrolTypes: body?.patrolTypes ?? [],
    startedAt: toLocalInput(body?.startedAt ?? now.toISOString()),
    endedAt: toLocalInput(body?.endedAt),
    weather: body?.weather ?? '',
    companions: (body?.accompaniedBy ?? []).map((c) => ({ id: c.id, name: c.name, duty: c.duty ?? '' })),
    householdsVisited: body?.householdsVisited ?? 0,
    findings: { ...NO_FINDINGS, ...body?.findings },
    selfResolvedCount: body?.selfResolvedCount ?? 0,
    reportedCount: body?.reportedCount ?? 0,
    antiFraud: { ...NO_ANTI_FRAUD, ...body?.antiFraud },
    content: body?.content ?? '',
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

/** The body to validate; empty optional inputs are left out rather than stored as ''. */
export function bodyFrom(draft: PatrolDraft, previous: PatrolBody | undefined): Record<string, unknown> {
  const endedAt = fromLocalInputKeeping(draft.endedAt, previous?.endedAt);
  const patrolTypes = PATROL_TYPES.filter((type) => draft.patrolTypes.includes(type));
  const weather = draft.weather.trim();
  // A companion row left wholly empty is not a companion; a duty without a name is an error to show.
  const companions = draft.companions
    .filter((c) => c.name.trim() || c.duty.trim())
    .map((c) => ({ id: c.id, name: c.name.trim(), ...(c.duty.trim() && { duty: c.duty.trim() }) }));
  // Fields this form does not edit (the track above all) are kept as they were.
  const {
    endedAt: _endedAt,
    weather: _weather,
    accompaniedBy: _accompaniedBy,
    antiFraud: _antiFraud,
    location: _location,
    photoIds: _photoIds,
    ...kept
  } = previous ?? {};
  return {
    ...kept,
    patrolTypes,
    startedAt: fromLocalInputKeeping(draft.startedAt, previous?.startedAt),
    ...(endedAt && { endedAt }),
    ...(weather && { weather }),
    ...(companions.length > 0 && { accompaniedBy: companions }),
    householdsVisited: draft.householdsVisited,
    findings: draft.findings,
    selfResolvedCount: draft.selfResolvedCount,
    reportedCount: draft.reportedCount,
    ...(patrolTypes.includes('antiFraud') && { antiFraud: draft.antiFraud }),
    content: draft.content,
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
    // Saving the form is writing the log: a started patrol's draft becomes submitted; a reviewed
    // log stays reviewed.
    status: previous?.status === 'reviewed' ? 'reviewed' : 'submitted',
  };
}
