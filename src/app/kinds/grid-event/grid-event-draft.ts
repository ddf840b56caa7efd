/**
 * The report form's draft of a 上报事件 and the body it saves. The form never moves the status: a new
 * event is 待受理, or 已办结 when resolved on the spot (one 自行处置 step, event-steps.ts); every
 * later status comes from a step on the detail screen, so an edit keeps the workflow as it was.
 */
import { reportingLevelOf } from '../../../domain/event-origins';
import { takeEventStep } from '../../../domain/event-steps';
import type { GeoPoint } from '../../../domain/geo-point';
import type { GridEventBody } from '../../../domain/grid-event';
import { uuidV7 } from '../../../sync/uuid-v7';
import { type PhotoItem, photoIdsField, photoItemsFrom } from '../../components/photo-field';
import { patrolLink } from '../../lib/active-patrol';
import { fromLocalInputKeeping, toLocalInput } from '../../lib/format-time';

/** A 当事人 as typed; blank texts drop out of the body. */
export interface EventPartyDraft {
  id: string;
  name: string;
  phone: string;
  idNo: string;
  address: string;
}

export function emptyEventParty(): EventPartyDraft {
  return { id: uuidV7(), name: '', phone: '', idNo: '', address: '' };
}

export interface GridEventDraft {
  title: string;
  categoryL1: string;
  categoryL2: string;
  /** The street's name of a sub-category it added ('' for a built-in one). */
  categoryL2Label: string;
  description: string;
  occurredAt: string;
  source: string;
  nature: string;
  scale: string;
  urgent: boolean;
  parties: EventPartyDraft[];
  address: string;
  location: GeoPoint | undefined;
  photos: PhotoItem[];
  handlingMode: string;
  selfResolvedNote: string;
}

/** The form's start: 巡查发现 unless the event says otherwise (most are found walking the grid). */
export function draftFrom(body: GridEventBody | undefined): GridEventDraft {
  return {
    title: body?.title ?? '',
    categoryL1: body?.categoryL1 ?? '',
    categoryL2: body?.categoryL2 ?? '',
    categoryL2Label: body?.categoryL2Label ?? '',
    description: body?.description ?? '',
    occurredAt: toLocalInput(body?.occurredAt),
    source: body?.source ?? 'patrol',
    nature: body?.nature ?? 'individual',
    scale: body?.scale ?? 'minor',
    urgent: body?.urgent === true,
    parties: (body?.parties ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      phone: p.phone ?? '',
      idNo: p.idNo ?? '',
      address: p.address ?? '',
    })),
    address: body?.address ?? '',
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
    handlingMode: body?.handlingMode ?? 'reportUp',
    selfResolvedNote: body?.selfResolvedNote ?? '',
  };
}

/** Who reports: the signed-in user. */
export interface EventReporter {
  id: string;
  name: string;
  role: string;
}

/** Fields the form edits; everything else in `previous` is carried over untouched. */
const EDITED = [
  'title',
  'categoryL1',
  'categoryL2',
  'categoryL2Label',
  'description',
  'occurredAt',
  'source',
  'nature',
  'scale',
  'address',
  'location',
  'photoIds',
  'parties',
] as const;

/** Only the non-empty texts, so a cleared field drops out of the body. */
function texts(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
}

function partiesField(parties: readonly EventPartyDraft[]) {
  if (parties.length === 0) return {};
  return {
    parties: parties.map((p) => ({
      id: p.id,
      name: p.name.trim(),
      ...texts({ phone: p.phone, idNo: p.idNo, address: p.address }),
    })),
  };
}

export function bodyFrom(
  draft: GridEventDraft,
  previous: GridEventBody | undefined,
  reporter: EventReporter,
  now: Date,
): Record<string, unknown> {
  const occurredAt = fromLocalInputKeeping(draft.occurredAt, previous?.occurredAt);
  const edited = {
    title: draft.title,
    categoryL1: draft.categoryL1,
    categoryL2: draft.categoryL2,
    ...(draft.categoryL2Label !== '' && { categoryL2Label: draft.categoryL2Label }),
    description: draft.description,
    ...(occurredAt && { occurredAt }),
    source: draft.source,
    nature: draft.nature,
    scale: draft.scale,
    ...(draft.address.trim() !== '' && { address: draft.address.trim() }),
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
    ...partiesField(draft.parties),
  };
  if (previous) {
    const kept = Object.fromEntries(
      Object.entries(previous).filter(([key]) => !(EDITED as readonly string[]).includes(key)),
    );
    return { ...kept, ...edited };
  }
  const level = reportingLevelOf(reporter.role);
  const reported = {
    ...edited,
    reportedAt: now.toISOString(),
    ...(draft.urgent && { urgent: true }),
    handlingMode: 'reportUp',
    reportedBy: reporter.id,
    reportedByName: reporter.name,
    reportedLevel: level,
    handlingLevel: level,
    flowLogs: [],
    status: 'reported',
    ...patrolLink(),
  };
  if (draft.handlingMode !== 'selfResolved') return reported;
  // 自行处置: the one step of a report resolved on the spot. Its own checks name an empty note; the
  // schema names anything else wrong with the draft, so the step is taken on the body as typed.
  const taken = takeEventStep(
    reported as GridEventBody,
    reporter,
    {
      event: { type: 'selfResolve', note: draft.selfResolvedNote },
      logId: uuidV7(),
      at: now.toISOString(),
      byName: reporter.name,
    },
    { now, departmentIds: new Set() },
  );
  return taken.ok ? taken.body : { ...reported, handlingMode: 'selfResolved', status: 'filed' };
}
