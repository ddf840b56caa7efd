/**
 * What each dispute step asks for, as data (workflow/step-spec.ts): the fields of its bottom
 * sheet, their starting values, and how the filled-in values become a DisputeAction. The generic
 * step sheet renders them, so adding a step is adding an entry here.
 */
import { type DisputeBody, SATISFACTIONS, SESSION_OUTCOMES } from '../../../domain/dispute';
import type { DisputeAction, DisputeActionType } from '../../../domain/dispute-actions';
import {
  AGREEMENT_TYPES,
  DISPUTE_REFERRAL_UNITS,
  HANDLING_LEVELS,
  type HandlingLevel,
  NOT_ACCEPTED_REASONS,
  NOTIFIED_ROUTES,
  PERFORMANCE_STATUSES,
} from '../../../domain/dispute-workflow';
import { localDayOf } from '../../../domain/due-dates';
import { maskName } from '../../../domain/masking';
import type { Option } from '../../components/select-field';
import { label, t } from '../../i18n/i18n';
import { fromLocalInput, toLocalInput } from '../../lib/format-time';
import { choicesOf, type StepSpec, type StepValues, textOf } from '../../workflow/step-spec';

/** What a step may read to fill in defaults and build its action. */
export interface StepContext {
  body: DisputeBody;
  user: { id: string; name: string };
  now: Date;
  newId: () => string;
  /** Where the risk assessment proposes to escalate, and the reasons in words. */
  proposal?: { level: HandlingLevel; reasons: string };
  communityName?: string;
  streetName?: string;
}

const options = (group: string, values: readonly string[]): Option[] =>
  values.map((value) => ({ value, label: label(group, value) }));
const text = textOf;
const list = choicesOf;
/** Only the non-empty texts, so optional fields left blank stay out of the body. */
const filled = (v: StepValues, keys: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(keys)
      .map(([prop, key]) => [prop, text(v, key)] as const)
      .filter(([, value]) => value !== ''),
  );
const numberOf = (v: StepValues, key: string) => {
  const raw = text(v, key);
  return raw === '' ? undefined : Number(raw);
};
const instant = (v: StepValues, key: string, c: StepContext) =>
  fromLocalInput(text(v, key)) ?? c.now.toISOString();
const splitNames = (names: string) =>
  names
    .split(/[、,，;；\s]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
const mediatorNames = (c: StepContext) =>
  (c.body.mediators ?? []).map((m) => m.name).join('、') || c.user.name;

/** The 调委会 of the level now handling the case: the community's, or the street's once escalated there. */
function defaultOrg(c: StepContext): string {
  const level = c.body.handlingLevel;
  const place = level === 'street' ? c.streetName : level === 'district' ? undefined : c.communityName;
  return place ? `${place}${t('step.mediationOrgSuffix')}` : t('step.mediationOrgDefault');
}

const ROUTES = { key: 'routes', label: 'step.routesNotified', kind: 'many' } as const;
const REASON = { key: 'reason', label: 'step.reason', kind: 'area' } as const;

export const STEP_SPECS: Record<DisputeActionType, StepSpec<StepContext, DisputeAction>> = {
  accept: {
    fields: () => [
      { key: 'consent', label: 'step.consent', kind: 'check', hint: t('step.consentHint') },
      { key: 'org', label: 'step.mediationOrg', kind: 'text', required: true },
      {
        key: 'mediators',
        label: 'step.mediators',
        kind: 'text',
        required: true,
        hint: t('step.mediatorsHint'),
      },
    ],
    initial: (c) => ({
      consent: c.body.consentToMediate === true,
      // A case escalated to the street is taken on by the street's committee, not the old one.
      org: c.body.status === 'escalated' ? defaultOrg(c) : (c.body.mediationOrg ?? defaultOrg(c)),
      mediators: mediatorNames(c),
    }),
    toAction: (v, c) => ({
      type: 'accept',
      consentToMediate: v.consent === true,
      mediationOrg: text(v, 'org'),
      mediators: splitNames(text(v, 'mediators')).map((name) => ({
        id: c.newId(),
        name,
        ...(name === c.user.name && { userId: c.user.id }),
      })),
    }),
  },
  notAccept: {
    fields: () => [
      {
        key: 'reason',
        label: 'step.notAcceptReason',
        kind: 'one',
        required: true,
        options: options('notAcceptedReason', NOT_ACCEPTED_REASONS),
      },
      { ...ROUTES, options: options('route', NOTIFIED_ROUTES), when: (v) => v.reason === 'outOfScope' },
      { key: 'note', label: 'step.note', kind: 'area' },
    ],
    initial: () => ({ reason: '', routes: [], note: '' }),
    toAction: (v) => ({
      type: 'notAccept',
      reason: text(v, 'reason') as (typeof NOT_ACCEPTED_REASONS)[number],
      routesNotified:
        v.reason === 'outOfScope' ? (list(v, 'routes') as (typeof NOTIFIED_ROUTES)[number][]) : [],
      ...filled(v, { note: 'note' }),
    }),
  },
  startMediation: {
    fields: () => [
      {
        key: 'rightsAt',
        label: 'step.rightsNotifiedAt',
        kind: 'datetime',
        required: true,
        hint: t('step.rightsHint'),
      },
    ],
    initial: (c) => ({ rightsAt: toLocalInput(c.body.rightsNotifiedAt ?? c.now.toISOString()) }),
    toAction: (v, c) => ({ type: 'startMediation', rightsNotifiedAt: instant(v, 'rightsAt', c) }),
  },
  recordSession: {
    fields: (c) => [
      { key: 'at', label: 'step.sessionAt', kind: 'datetime', required: true },
      { key: 'place', label: 'step.sessionPlace', kind: 'text' },
      {
        key: 'present',
        label: 'step.partiesPresent',
        kind: 'many',
        // Names masked: the sheet is often shown with the parties looking on.
        options: c.body.parties.map((p) => ({
          value: p.id,
          label: `${label('partyRole', p.role)} ${maskName(p.name)}`,
        })),
      },
      { key: 'mediators', label: 'step.sessionMediators', kind: 'text', required: true },
      { key: 'participants', label: 'step.participants', kind: 'text' },
      { key: 'statements', label: 'step.statements', kind: 'area' },
      { key: 'facts', label: 'step.verifiedFacts', kind: 'area' },
      {
        key: 'outcome',
        label: 'step.sessionOutcome',
        kind: 'one',
        required: true,
        options: options('sessionOutcome', SESSION_OUTCOMES),
      },
    ],
    initial: (c) => ({
      at: toLocalInput(c.now.toISOString()),
      place: c.body.place ?? '',
      present: c.body.parties.map((p) => p.id),
      mediators: mediatorNames(c),
      participants: '',
      statements: '',
      facts: '',
      outcome: '',
    }),
    toAction: (v, c) => ({
      type: 'recordSession',
      session: {
        id: c.newId(),
        at: instant(v, 'at', c),
        partiesPresent: list(v, 'present'),
        mediators: text(v, 'mediators'),
        outcome: text(v, 'outcome') as (typeof SESSION_OUTCOMES)[number],
        ...filled(v, {
          place: 'place',
          participants: 'participants',
          statements: 'statements',
          verifiedFacts: 'facts',
        }),
      },
    }),
  },
  succeed: {
    fields: () => [
      {
        key: 'type',
        label: 'step.agreementType',
        kind: 'one',
        required: true,
        options: options('agreementType', AGREEMENT_TYPES),
      },
      { key: 'terms', label: 'step.terms', kind: 'area', required: true },
      { key: 'amount', label: 'step.agreementAmount', kind: 'number' },
      { key: 'method', label: 'step.performanceMethod', kind: 'text' },
      { key: 'deadline', label: 'step.performanceDeadline', kind: 'date' },
      { key: 'effective', label: 'step.effectiveAt', kind: 'date' },
    ],
    initial: (c) => ({
      type: 'written',
      terms: '',
      amount: '',
      method: '',
      deadline: '',
      effective: localDayOf(c.now),
    }),
    toAction: (v) => {
      const amountYuan = numberOf(v, 'amount');
      return {
        type: 'succeed',
        agreementType: text(v, 'type') as (typeof AGREEMENT_TYPES)[number],
        agreement: {
          terms: text(v, 'terms'),
          ...(amountYuan !== undefined && { amountYuan }),
          ...filled(v, {
            performanceMethod: 'method',
            performanceDeadline: 'deadline',
            effectiveAt: 'effective',
          }),
        },
      };
    },
  },
  fail: {
    fields: () => [
      { key: 'reason', label: 'step.failureReason', kind: 'area' },
      { ...ROUTES, options: options('route', NOTIFIED_ROUTES) },
    ],
    initial: () => ({ reason: '', routes: [] }),
    toAction: (v) => ({
      type: 'fail',
      failureReason: text(v, 'reason'),
      routesNotified: list(v, 'routes') as (typeof NOTIFIED_ROUTES)[number][],
    }),
  },
  withdraw: {
    fields: () => [REASON],
    initial: () => ({ reason: '' }),
    toAction: (v) => ({ type: 'withdraw', ...filled(v, { reason: 'reason' }) }),
  },
  escalate: {
    fields: (c) => {
      const above = HANDLING_LEVELS.slice(HANDLING_LEVELS.indexOf(c.body.handlingLevel) + 1);
      return [
        {
          key: 'level',
          label: 'step.toLevel',
          kind: 'one',
          required: true,
          options: options('handlingLevel', above),
          ...(c.proposal && { hint: t('step.toLevelSuggested') }),
        },
        { ...REASON, required: true },
      ];
    },
    initial: (c) => ({
      level: c.proposal?.level ?? HANDLING_LEVELS[HANDLING_LEVELS.indexOf(c.body.handlingLevel) + 1] ?? '',
      reason: c.proposal?.reasons ?? '',
    }),
    toAction: (v) => ({
      type: 'escalate',
      toLevel: text(v, 'level') as HandlingLevel,
      reason: text(v, 'reason'),
    }),
  },
  transfer: {
    fields: () => [
      {
        key: 'unit',
        label: 'step.referredTo',
        kind: 'select',
        required: true,
        options: options('referral', DISPUTE_REFERRAL_UNITS),
      },
      { ...REASON, required: true },
    ],
    initial: () => ({ unit: '', reason: '' }),
    toAction: (v) => ({
      type: 'transfer',
      referredTo: text(v, 'unit') as (typeof DISPUTE_REFERRAL_UNITS)[number],
      reason: text(v, 'reason'),
    }),
  },
  startPerformance: { fields: () => [], initial: () => ({}), toAction: () => ({ type: 'startPerformance' }) },
  followUp: {
    fields: () => [
      { key: 'at', label: 'step.sessionAt', kind: 'datetime', required: true },
      { key: 'visited', label: 'step.partyVisited', kind: 'text' },
      {
        key: 'performance',
        label: 'step.performance',
        kind: 'one',
        required: true,
        options: options('performance', PERFORMANCE_STATUSES),
      },
      {
        key: 'satisfaction',
        label: 'step.satisfaction',
        kind: 'one',
        required: true,
        options: options('satisfaction', SATISFACTIONS),
      },
      { key: 'residualRisk', label: 'step.residualRisk', kind: 'check' },
      { key: 'measures', label: 'step.measures', kind: 'area' },
    ],
    initial: (c) => ({
      at: toLocalInput(c.now.toISOString()),
      visited: '',
      performance: '',
      satisfaction: '',
      residualRisk: false,
      measures: '',
    }),
    toAction: (v, c) => ({
      type: 'followUp',
      followUp: {
        id: c.newId(),
        at: instant(v, 'at', c),
        by: c.user.name,
        performance: text(v, 'performance') as (typeof PERFORMANCE_STATUSES)[number],
        satisfaction: text(v, 'satisfaction') as (typeof SATISFACTIONS)[number],
        residualRisk: v.residualRisk === true,
        ...filled(v, { partyVisited: 'visited', measures: 'measures' }),
      },
    }),
  },
  terminate: {
    fields: () => [REASON],
    initial: () => ({ reason: '' }),
    toAction: (v) => ({ type: 'terminate', ...filled(v, { reason: 'reason' }) }),
  },
  confirmReceipt: { fields: () => [], initial: () => ({}), toAction: () => ({ type: 'confirmReceipt' }) },
  feedback: {
    fields: () => [{ key: 'feedback', label: 'step.transferFeedback', kind: 'area', required: true }],
    initial: (c) => ({ feedback: c.body.transferFeedback ?? '' }),
    toAction: (v) => ({ type: 'feedback', transferFeedback: text(v, 'feedback') }),
  },
  close: {
    fields: () => [],
    initial: () => ({}),
    toAction: () => ({ type: 'close' }),
    note: 'step.closeNote',
  },
  extend: {
    fields: () => [
      { key: 'days', label: 'step.extendDays', kind: 'number', required: true },
      { key: 'reason', label: 'step.extendReason', kind: 'text', required: true },
      { key: 'consent', label: 'step.bothConsent', kind: 'check', required: true },
    ],
    initial: () => ({ days: '15', reason: '', consent: false }),
    toAction: (v) => ({
      type: 'extend',
      extension: { days: numberOf(v, 'days') ?? 0, reason: text(v, 'reason') },
    }),
  },
};
