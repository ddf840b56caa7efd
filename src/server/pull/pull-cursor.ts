import { createHash } from 'node:crypto';
import { readableKinds } from '../../domain/access-rules';

/**
 * The pull cursor is opaque to devices. It holds one position per change partition of the
 * caller's grids (counters.repository.ts: a street on PostgreSQL, the one base partition on
 * SQLite), in the sorted order of the partitions, base 36: `p<pos>-<pos>-….<fingerprint>`. A
 * position is the last change_seq of that partition the device has been given (or went past).
 * The fingerprint ties the cursor to the grids, role and readable kinds of the caller when it was
 * made AND to the partition of each of those grids; when any of them changes, records that came
 * into scope carry old change_seqs, so the device must re-pull from the start.
 *
 * Before partitions existed the cursor was `<last change_seq>.<fingerprint of grids, role, kinds>`
 * over one global sequence. Such a cursor stays valid after the upgrade as that position in every
 * partition: the global sequence committed in order (one counter row lock), so the device had every
 * change up to it, and every street's sequence starts above the last global number
 * (lockPartitions), so nothing numbered since can be at or below it.
 *
 * Why no reader can skip a change — the bound a page reads up to is, per partition, the
 * numbers it finds committed in its one snapshot, and that is enough because:
 * 1. A number of partition P is taken only by a transaction that holds P's counter row lock, taken
 *    before it read anything and held until it commits or rolls back (apply-mutation.ts,
 *    counters.repository.ts). So P's numbers are taken by one transaction at a time, in increasing
 *    order, and a transaction holding some of them ends before the next one can take any. If a
 *    snapshot sees a change of P numbered n committed, every number of P below n belongs to a
 *    transaction that had ended before n was even taken: committed (and so in that snapshot too)
 *    or rolled back (nothing to see). There is never a visible n above an invisible m < n in one
 *    partition, which is all a cursor relies on: readers need no upper bound beyond their snapshot.
 * 2. A page is ONE statement (listChanges), so one snapshot; it returns, per partition, the lowest
 *    unseen numbers of that snapshot (ordered by number, cut at the page's limit), and the new
 *    position of P is the highest of P's numbers on the page. Everything of P in scope at or below
 *    it was on this page or an earlier one. A change made later to a record already passed takes a
 *    new, higher number of its partition and comes again. (Two entries of one partition share a
 *    number only when a record moves between grids of one street: its row and its departure, the
 *    same record, so a page ending between them has sent it.)
 * 3. Partitions are independent: a change of another partition never moves P's position, and a
 *    move from P to Q takes a number in each (the departure in P, the row in Q).
 * 4. A grid's partition is its street, and org nodes are never moved (orgs.repository.ts); should
 *    one ever be, the fingerprint, which covers each grid's partition, no longer matches and the
 *    device re-pulls from the start rather than read one street's numbers against another's.
 */
const LEGACY_CURSOR = /^(\d{1,15})\.([0-9a-f]{8})$/;
const CURSOR = /^p((?:[0-9a-z]{1,11})(?:-[0-9a-z]{1,11})*)?\.([0-9a-f]{8})$/;

export interface CursorScope {
  gridIds: readonly string[];
  role: string;
  /** A department account's department: what it may read follows it (access-rules.ts). */
  departmentId?: string | undefined;
  /** The change partition of each of gridIds. */
  partitions: ReadonlyMap<string, string>;
}

/** First 8 hex digits of sha256 over the role, the kinds it may read and the sorted grid ids. */
export function scopeFingerprint(scope: {
  gridIds: readonly string[];
  role: string;
  departmentId?: string | undefined;
}): string {
  return sha8([
    scope.role,
    ...bound(scope),
    readableKinds(scope.role).join(','),
    ...[...scope.gridIds].sort(),
  ]);
}

/** A department account's binding, as a fingerprint line: rebound, its device pulls again from the start. */
function bound(scope: { departmentId?: string | undefined }): string[] {
  return scope.departmentId ? [`department\t${scope.departmentId}`] : [];
}

/** As scopeFingerprint, over each grid with its partition. */
function partitionedFingerprint(scope: CursorScope): string {
  const grids = [...scope.gridIds].sort().map((gridId) => `${gridId}\t${scope.partitions.get(gridId) ?? ''}`);
  return sha8(['p', scope.role, ...bound(scope), readableKinds(scope.role).join(','), ...grids]);
}

function sha8(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 8);
}

/** The partitions of the scope's grids, sorted: the order of the cursor's positions. */
export function cursorPartitions(scope: CursorScope): string[] {
  return [...new Set(scope.gridIds.map((gridId) => scope.partitions.get(gridId) ?? ''))].sort();
}

export function encodeCursor(scope: CursorScope, positions: ReadonlyMap<string, number>): string {
  const list = cursorPartitions(scope).map((partition) => (positions.get(partition) ?? 0).toString(36));
  return `p${list.join('-')}.${partitionedFingerprint(scope)}`;
}

/**
 * The position in each of the scope's partitions to continue after; a missing cursor starts over.
 * A malformed cursor, one made for another scope, or one past the last number of a partition (the
 * database was restored from a backup) resets: the device re-pulls from the start. `lastSeqs`
 * holds the last number taken in each partition, and in the base partition.
 */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
  lastSeqs: ReadonlyMap<string, number>,
): { positions: Map<string, number>; reset: boolean } {
  const partitions = cursorPartitions(scope);
  const start = { positions: new Map(partitions.map((partition) => [partition, 0])), reset: false };
  if (cursor === undefined || cursor === '') return start;
  const positions = readPositions(cursor, scope, partitions, lastSeqs.get('') ?? 0);
  const beyond = (partition: string, position: number) => position > (lastSeqs.get(partition) ?? 0);
  if (!positions || [...positions].some(([partition, position]) => beyond(partition, position)))
    return { ...start, reset: true };
  return { positions, reset: false };
}

function readPositions(
  cursor: string,
  scope: CursorScope,
  partitions: readonly string[],
  lastBaseSeq: number,
): Map<string, number> | undefined {
  const legacy = LEGACY_CURSOR.exec(cursor);
  if (legacy) {
    const position = Number(legacy[1]);
    if (legacy[2] !== scopeFingerprint(scope) || position > lastBaseSeq) return undefined;
    return new Map(partitions.map((partition) => [partition, position]));
  }
  const match = CURSOR.exec(cursor);
  if (!match || match[2] !== partitionedFingerprint(scope)) return undefined;
  const list = match[1] === undefined ? [] : match[1].split('-').map((digits) => Number.parseInt(digits, 36));
  if (list.length !== partitions.length || !list.every(Number.isSafeInteger)) return undefined;
  return new Map(partitions.map((partition, i) => [partition, list[i] as number]));
}
