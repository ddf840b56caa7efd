import { describe, expect, it } from 'vitest';
import { HAZARD_STATUSES, type HazardStatus } from '../../src/domain/hazard-workflow';
import {
  allowedInspectionEvents,
  INSPECTION_EVENT_TYPES,
  type InspectionContext,
  type InspectionEventType,
  type InspectionStatus,
  inspectionStatusFor,
  transitionInspection,
} from '../../src/domain/inspection-workflow';
import { INSPECTION_STATUSES } from '../../src/domain/rental-inspection';

/** Every status inspectionStatusFor can derive, with one hazard status that derives it. */
const DERIVED = {
  submitted: 'open',
  rectifying: 'rectifying',
  pendingRecheck: 'reportedFixed',
  referred: 'referred',
  closed: 'closed',
} as const satisfies Partial<Record<InspectionStatus, HazardStatus>>;
type Derived = keyof typeof DERIVED;
const DERIVED_STATUSES = Object.keys(DERIVED) as Derived[];

/** A consistent checklist: one failed item with one hazard in the given status. */
function contextDeriving(target: Derived): InspectionContext {
  return {
    checklist: [
      { itemCode: 'EB01', result: 'fail' },
      { itemCode: 'EL01', result: 'pass' },
    ],
    hazards: [{ itemCode: 'EB01', status: DERIVED[target] }],
  };
}

/** The whole machine: for each status and event, what each derived status leads to. '-' = refused. */
type Row = Record<Derived, InspectionStatus | '-'>;
const NONE: Row = { submitted: '-', rectifying: '-', pendingRecheck: '-', referred: '-', closed: '-' };
const EXPECTED: Record<InspectionStatus, Record<InspectionEventType, Row>> = {
  draft: {
    submit: {
      submitted: 'submitted',
      rectifying: 'rectifying',
      pendingRecheck: 'pendingRecheck',
      referred: 'referred',
      closed: 'closed',
    },
    hazardsChanged: NONE,
  },
  submitted: {
    submit: NONE,
    hazardsChanged: {
      submitted: 'submitted',
      rectifying: 'rectifying',
      pendingRecheck: 'pendingRecheck',
      referred: 'referred',
      closed: 'closed',
    },
  },
  rectifying: {
    submit: NONE,
    hazardsChanged: {
      submitted: '-',
      rectifying: 'rectifying',
      pendingRecheck: 'pendingRecheck',
      referred: 'referred',
      closed: 'closed',
    },
  },
  pendingRecheck: {
    submit: NONE,
    hazardsChanged: {
      submitted: '-',
      rectifying: 'rectifying',
      pendingRecheck: 'pendingRecheck',
      referred: 'referred',
      closed: 'closed',
    },
  },
  referred: {
    submit: NONE,
    hazardsChanged: {
      submitted: '-',
      rectifying: '-',
      pendingRecheck: '-',
      referred: 'referred',
      closed: 'closed',
    },
  },
  closed: {
    submit: NONE,
    hazardsChanged: { submitted: '-', rectifying: '-', pendingRecheck: '-', referred: '-', closed: 'closed' },
  },
};

const CASES = INSPECTION_STATUSES.flatMap((state) =>
  INSPECTION_EVENT_TYPES.flatMap((type) =>
    DERIVED_STATUSES.map((derived) => [state, type, derived, EXPECTED[state][type][derived]] as const),
  ),
);

describe('inspection workflow', () => {
  it.each(CASES)('%s + %s with hazards deriving %s → %s', (state, type, derived, expected) => {
    const result = transitionInspection(state, { type }, contextDeriving(derived));
    if (expected !== '-') {
      expect(result).toEqual({ ok: true, state: expected });
    } else {
      // An event the status accepts refuses only a derived status it may not move to.
      const accepted = DERIVED_STATUSES.some((d) => EXPECTED[state][type][d] !== '-');
      expect(result).toEqual({ ok: false, reason: accepted ? 'cannotMoveBack' : 'notAllowed' });
    }
  });

  it.each(INSPECTION_STATUSES)('lists the events %s accepts', (state) => {
    const expected = INSPECTION_EVENT_TYPES.filter((type) =>
      DERIVED_STATUSES.some((d) => EXPECTED[state][type][d] !== '-'),
    );
    expect(allowedInspectionEvents(state)).toEqual(expected);
  });

  it('closes a submitted inspection without failed items at once', () => {
    const context: InspectionContext = { checklist: [{ itemCode: 'EB01', result: 'pass' }], hazards: [] };
    expect(transitionInspection('draft', { type: 'submit' }, context)).toEqual({ ok: true, state: 'closed' });
  });
});

describe('inspection submit guards', () => {
  it('needs a checklist', () => {
    expect(transitionInspection('draft', { type: 'submit' }, { checklist: [], hazards: [] })).toEqual({
      ok: false,
      reason: 'checklistEmpty',
    });
  });

  it('needs a hazard for every failed item', () => {
    const context: InspectionContext = {
      checklist: [
        { itemCode: 'EB01', result: 'fail' },
        { itemCode: 'EV01', result: 'fail' },
      ],
      hazards: [{ itemCode: 'EB01', status: 'open' }],
    };
    expect(transitionInspection('draft', { type: 'submit' }, context)).toEqual({
      ok: false,
      reason: 'hazardMissing',
    });
  });

  it('refuses a hazard whose item did not fail', () => {
    const context: InspectionContext = {
      checklist: [{ itemCode: 'EB01', result: 'na' }],
      hazards: [{ itemCode: 'EB01', status: 'open' }],
    };
    expect(transitionInspection('draft', { type: 'submit' }, context)).toEqual({
      ok: false,
      reason: 'hazardWithoutFailedItem',
    });
  });
});

describe('inspection status from hazards', () => {
  const EXPECTED_STAGE: Record<HazardStatus, InspectionStatus> = {
    open: 'submitted',
    fixedOnSite: 'pendingRecheck',
    rectifying: 'rectifying',
    reportedFixed: 'pendingRecheck',
    recheckPassed: 'pendingRecheck',
    recheckFailed: 'rectifying',
    referred: 'referred',
    deptFeedback: 'referred',
    closed: 'closed',
  };

  it.each(HAZARD_STATUSES)('a lone %s hazard holds the inspection at its stage', (status) => {
    expect(inspectionStatusFor([{ status }])).toBe(EXPECTED_STAGE[status]);
  });

  it('is closed without hazards', () => {
    expect(inspectionStatusFor([])).toBe('closed');
  });

  it('follows the least advanced hazard', () => {
    expect(
      inspectionStatusFor([{ status: 'closed' }, { status: 'referred' }, { status: 'recheckFailed' }]),
    ).toBe('rectifying');
    expect(inspectionStatusFor([{ status: 'deptFeedback' }, { status: 'reportedFixed' }])).toBe(
      'pendingRecheck',
    );
    expect(inspectionStatusFor([{ status: 'closed' }, { status: 'deptFeedback' }])).toBe('referred');
    expect(inspectionStatusFor([{ status: 'fixedOnSite' }, { status: 'open' }])).toBe('submitted');
    expect(inspectionStatusFor([{ status: 'closed' }, { status: 'closed' }])).toBe('closed');
  });
});
