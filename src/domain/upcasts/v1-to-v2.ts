/**
 * Record bodies v1 → v2, the step as it stood when version 2 shipped (2026-11).
 *
 *   patrol:           no findings recorded (zeros), anti-fraud figures zero when the type is set;
 *   rentalInspection: one hazard per failed item, handled as the v1 overall result said;
 *   dispute:          source gridReport, nature from the party count, handled at grid level,
 *                     empty sessions / follow-ups / flow log.
 *
 * FROZEN. The server's migration 0006, every device's Dexie upgrade to its version 3 and a push of a
 * v1 record from an old phone all run this step, each on its own copy, and must agree to the byte —
 * today and on a server that first migrates years from now. So it imports nothing that can change:
 * the checklist facts it read (each item's default level, the one exit escalation, the one item
 * reported to the police) are copied below as they were, and ids are derived from the record's own
 * id, never random. A later change of the live catalogue, thresholds or hazard rules applies to new
 * hazards only. Never edit this file; a v2 → v3 step is a new file beside it.
 */

type Fields = Record<string, unknown>;

/** The record in body version 2, or the input unchanged when it is not a v1 record. */
export function upcastV1ToV2(input: unknown): unknown {
  if (!isObject(input) || input.schemaVersion !== 1 || !isObject(input.body)) return input;
  const step = Object.hasOwn(BODY_STEPS, String(input.kind)) ? BODY_STEPS[String(input.kind)] : undefined;
  if (!step) return input;
  return { ...input, schemaVersion: 2, body: step(body(input), String(input.id)) };
}

function body(input: Fields): Fields {
  return input.body as Fields;
}

/** Each kind's body step; a kind that had no v1 (rentalHouse was born at v2) has none. */
export const BODY_STEPS: Readonly<Record<string, (body: Fields, recordId: string) => Fields>> = {
  patrol: patrolV2,
  rentalInspection: rentalInspectionV2,
  dispute: disputeV2,
};

const NO_FINDINGS = {
  disputes: 0,
  appeals: 0,
  suggestions: 0,
  securityHazards: 0,
  fireHazards: 0,
  environment: 0,
  other: 0,
};
const NO_ANTI_FRAUD = {
  householdsReached: 0,
  peopleReached: 0,
  materials: 0,
  appInstalled: 0,
  alertsEnabled: 0,
};

function patrolV2(body: Fields): Fields {
  const types = Array.isArray(body.patrolTypes) ? body.patrolTypes : [];
  return {
    ...body,
    findings: { ...NO_FINDINGS },
    selfResolvedCount: 0,
    reportedCount: 0,
    ...(types.includes('antiFraud') ? { antiFraud: { ...NO_ANTI_FRAUD } } : {}),
  };
}

/** The checklist items whose suggested level was 重大 at v2; every other item was 一般. */
const MAJOR_ITEMS = new Set([
  'EB01',
  'EB03',
  'EB04',
  'GS01',
  'GS02',
  'GR03',
  'GR04',
  'EV01',
  'EV02',
  'EV03',
  'BD01',
  'BD02',
  'PS05',
]);
/** The item codes of the v2 checklist. */
const ITEM_CODES = new Set([
  ...['EB01', 'EB02', 'EB03', 'EB04', 'EB05', 'EL01', 'EL02', 'EL03', 'EL04', 'EL05'],
  ...['GS01', 'GS02', 'GS03', 'GS04', 'GS05', 'GR01', 'GR02', 'GR03', 'GR04', 'GR05'],
  ...['FE01', 'FE02', 'FE03', 'FE04', 'FE05', 'FE06', 'EV01', 'EV02', 'EV03', 'EV04'],
  ...['BD01', 'BD02', 'BD03', 'PS01', 'PS02', 'PS03', 'PS04', 'PS05', 'PS06', 'OT99'],
]);

const HANDLING_OF_RESULT: Readonly<Record<string, { handling: string; status: string }>> = {
  noHazard: { handling: 'onSite', status: 'open' },
  fixedOnSite: { handling: 'onSite', status: 'fixedOnSite' },
  rectifying: { handling: 'deadline', status: 'rectifying' },
  referred: { handling: 'referred', status: 'referred' },
};

function rentalInspectionV2(body: Fields, recordId: string): Fields {
  const checklist = Array.isArray(body.checklist) ? (body.checklist as Fields[]) : [];
  const deadline = typeof body.rectificationDeadline === 'string' ? body.rectificationDeadline : undefined;
  const how = HANDLING_OF_RESULT[String(body.overallResult)];
  if (!how) throw new Error(`v1 inspection ${recordId}: unknown overallResult ${String(body.overallResult)}`);
  const failed = checklist.filter((entry) => entry.result === 'fail');
  const hazards = failed.map((entry, index): Fields => {
    const itemCode = String(entry.itemCode);
    if (!ITEM_CODES.has(itemCode)) throw new Error(`v1 inspection ${recordId}: unknown item ${itemCode}`);
    // The level: the inspector's own, else 重大 for a blocked exit (EB02), else the item's own.
    // (The group-rental escalation read the house's rooms and people, which a v1 inspection did
    // not have: with none it never applied.)
    const itemLevel = MAJOR_ITEMS.has(itemCode) ? 'major' : 'general';
    const exitBlocked = itemCode === 'EB02' && entry.blocksExit === true;
    const hazardLevel =
      entry.hazardLevel !== undefined ? entry.hazardLevel : exitBlocked ? 'major' : itemLevel;
    const photoIds = Array.isArray(entry.photoIds) ? [...(entry.photoIds as unknown[])] : [];
    const note = typeof entry.note === 'string' ? entry.note.trim() : '';
    // A fix on site is proven by a photo; without one the hazard stays open until it is taken.
    const status = how.status === 'fixedOnSite' && photoIds.length === 0 ? 'open' : how.status;
    const handling = how.handling === 'deadline' && deadline === undefined ? 'onSite' : how.handling;
    return {
      id: derivedId(recordId, index + 1),
      itemCode,
      description: note === '' ? itemCode : note,
      hazardLevel,
      handling,
      ...(handling === 'deadline' && deadline !== undefined ? { deadline } : {}),
      // Where a referral went was not known; 综合执法 was the usual first stop, 治安 clues went to 民警.
      ...(handling === 'referred' ? { referredTo: itemCode === 'PS05' ? 'police' : 'lawEnforcement' } : {}),
      status,
      rechecks: [],
      ...(photoIds.length > 0 ? { photoIds } : {}),
    };
  });
  return { ...body, hazards };
}

function disputeV2(body: Fields): Fields {
  const partyCount = Array.isArray(body.parties) ? body.parties.length : 2;
  return {
    ...body,
    source: 'gridReport',
    nature: partyCount >= 10 ? 'group' : 'individual',
    involvedCount: Math.max(1, partyCount),
    handlingLevel: 'grid',
    sessions: [],
    followUps: [],
    flowLogs: [],
  };
}

/** A uuid for the n-th child of a record: the record's id with its last 12 hex digits replaced by n. */
export function derivedId(recordId: string, n: number): string {
  return `${recordId.slice(0, 24)}${n.toString(16).padStart(12, '0')}`;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
