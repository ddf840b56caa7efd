/**
 * The registration form's draft of a dispute and the body it saves. The form never sets the status:
 * a new case is 已登记 and every later status comes from a workflow step on the detail screen, so
 * an edit keeps the status, sessions, agreement, follow-ups and flow log exactly as they were.
 */
import type { DisputeBody } from '../../../domain/dispute';
import type { GeoPoint } from '../../../domain/geo-point';
import { streetThresholds } from '../../../domain/street-thresholds';
import { uuidV7 } from '../../../sync/uuid-v7';
import { type PhotoItem, photoIdsField, photoItemsFrom } from '../../components/photo-field';
import { patrolLink } from '../../lib/active-patrol';
import { fromLocalInputKeeping, toLocalInput } from '../../lib/format-time';

export interface PartyDraft {
  id: string;
  role: string;
  partyType: string;
  name: string;
  gender: string;
  age: string;
  occupation: string;
  address: string;
  phone: string;
  idNo: string;
}

export interface DisputeDraft {
  title: string;
  disputeType: string;
  disputeSubType: string;
  source: string;
  occurredAt: string;
  registeredAt: string;
  place: string;
  summary: string;
  claims: string;
  involvedCount: number;
  nature: string;
  amount: string;
  riskLevel: string;
  riskFlags: string[];
  parties: PartyDraft[];
  location: GeoPoint | undefined;
  photos: PhotoItem[];
}

/** 群体性 from this many people on ([S45]; the street may set another threshold). */
export const GROUP_PERSONS = streetThresholds().disputeGroupPersons;

export function emptyParty(role: string): PartyDraft {
  return {
    id: uuidV7(),
    role,
    partyType: 'natural',
    name: '',
    gender: '',
    age: '',
    occupation: '',
    address: '',
    phone: '',
    idNo: '',
  };
}

export function draftFrom(body: DisputeBody | undefined, now: Date): DisputeDraft {
  return {
    title: body?.title ?? '',
    disputeType: body?.disputeType ?? '',
    disputeSubType: body?.disputeSubType ?? '',
    source: body?.source ?? 'gridReport',
    occurredAt: toLocalInput(body?.occurredAt),
    registeredAt: toLocalInput(body?.registeredAt ?? now.toISOString()),
    place: body?.place ?? '',
    summary: body?.summary ?? '',
    claims: body?.claims ?? '',
    involvedCount: body?.involvedCount ?? 2,
    nature: body?.nature ?? 'individual',
    amount: body?.involvedAmountYuan === undefined ? '' : String(body.involvedAmountYuan),
    riskLevel: body?.riskLevel ?? 'yellow',
    riskFlags: [...(body?.riskFlags ?? [])],
    parties: body?.parties.map((p) => ({
      id: p.id,
      role: p.role,
      partyType: p.partyType,
      name: p.name,
      gender: p.gender ?? '',
      age: p.age === undefined ? '' : String(p.age),
      occupation: p.occupation ?? '',
      address: p.address ?? '',
      phone: p.phone ?? '',
      idNo: p.idNo ?? '',
    })) ?? [emptyParty('applicant'), emptyParty('respondent')],
    location: body?.location,
    photos: photoItemsFrom(body?.photoIds),
  };
}

/** A number typed by a person, or the text itself so the schema reports it next to the field. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/** Only the non-empty texts, so a cleared field drops out of the body. */
function texts(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
}

function partyFrom(p: PartyDraft, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const { gender: _g, age: _a, occupation: _o, address: _ad, phone: _p, idNo: _i, ...kept } = previous ?? {};
  const age = numberOrText(p.age);
  return {
    ...kept,
    id: p.id,
    role: p.role,
    partyType: p.partyType,
    name: p.name,
    ...(p.gender && { gender: p.gender }),
    ...(age !== undefined && { age }),
    ...texts({ occupation: p.occupation, address: p.address, phone: p.phone }),
    ...(p.partyType === 'natural' && texts({ idNo: p.idNo })),
  };
}

/** Fields the form edits; everything else in `previous` is carried over untouched. */
const EDITED = [
  'title',
  'disputeType',
  'disputeSubType',
  'source',
  'occurredAt',
  'registeredAt',
  'place',
  'summary',
  'claims',
  'involvedCount',
  'nature',
  'involvedAmountYuan',
  'riskLevel',
  'riskFlags',
  'parties',
  'location',
  'photoIds',
] as const;

export function bodyFrom(draft: DisputeDraft, previous: DisputeBody | undefined): Record<string, unknown> {
  const kept: Record<string, unknown> = previous
    ? Object.fromEntries(
        Object.entries(previous).filter(([key]) => !(EDITED as readonly string[]).includes(key)),
      )
    : {
        status: 'reported',
        handlingLevel: 'grid',
        sessions: [],
        followUps: [],
        flowLogs: [],
        ...patrolLink(),
      };
  const previousParties = new Map(previous?.parties.map((party) => [party.id, party]));
  const occurredAt = fromLocalInputKeeping(draft.occurredAt, previous?.occurredAt);
  const amount = numberOrText(draft.amount);
  return {
    ...kept,
    ...texts({
      title: draft.title,
      disputeSubType: draft.disputeSubType,
      place: draft.place,
      claims: draft.claims,
    }),
    // Required texts stay even when empty, so the schema names them.
    title: draft.title,
    summary: draft.summary,
    disputeType: draft.disputeType,
    source: draft.source,
    ...(occurredAt && { occurredAt }),
    registeredAt: fromLocalInputKeeping(draft.registeredAt, previous?.registeredAt),
    involvedCount: Math.max(draft.involvedCount, draft.parties.length),
    nature: draft.nature,
    ...(amount !== undefined && { involvedAmountYuan: amount }),
    riskLevel: draft.riskLevel,
    ...(draft.riskFlags.length > 0 && { riskFlags: draft.riskFlags }),
    parties: draft.parties.map((p) => partyFrom(p, previousParties.get(p.id))),
    ...(draft.location && { location: draft.location }),
    ...photoIdsField(draft.photos),
  };
}
