/** The pull cursor (src/server/pull/pull-cursor.ts): one position per street, old cursors, resets. */
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, scopeFingerprint } from '../../src/server/pull/pull-cursor';

const scope = {
  gridIds: ['taishan-tieqiao-01', 'dachang-hubin-01', 'dachang-hubin-02'],
  role: 'streetAdmin',
  partitions: new Map([
    ['dachang-hubin-01', 'dachang'],
    ['dachang-hubin-02', 'dachang'],
    ['taishan-tieqiao-01', 'taishan'],
  ]),
};
const lastSeqs = new Map([
  ['', 40],
  ['dachang', 900],
  ['taishan', 75],
]);

describe('the pull cursor', () => {
  it('gives back the position of each street it was made with', () => {
    const cursor = encodeCursor(
      scope,
      new Map([
        ['dachang', 812],
        ['taishan', 41],
      ]),
    );
    expect(decodeCursor(cursor, scope, lastSeqs)).toEqual({
      positions: new Map([
        ['dachang', 812],
        ['taishan', 41],
      ]),
      reset: false,
    });
  });

  it('reads a cursor from before partitions as that position in every street', () => {
    const legacy = `37.${scopeFingerprint(scope)}`;
    expect(decodeCursor(legacy, scope, lastSeqs)).toEqual({
      positions: new Map([
        ['dachang', 37],
        ['taishan', 37],
      ]),
      reset: false,
    });
  });

  it('starts over when a grid is in another street than when the cursor was made', () => {
    const cursor = encodeCursor(
      scope,
      new Map([
        ['dachang', 812],
        ['taishan', 41],
      ]),
    );
    const partitions = new Map(scope.partitions).set('dachang-hubin-02', 'taishan');
    expect(decodeCursor(cursor, { ...scope, partitions }, lastSeqs)).toEqual({
      positions: new Map([
        ['dachang', 0],
        ['taishan', 0],
      ]),
      reset: true,
    });
  });

  it('starts over when a position is past its street’s last number, or an old one past the old counter', () => {
    const beyond = encodeCursor(
      scope,
      new Map([
        ['dachang', 812],
        ['taishan', 76],
      ]),
    );
    expect(decodeCursor(beyond, scope, lastSeqs).reset).toBe(true);
    expect(decodeCursor(`41.${scopeFingerprint(scope)}`, scope, lastSeqs).reset).toBe(true);
  });

  it('starts over on a malformed cursor or one of another scope', () => {
    for (const cursor of [
      'p1-2',
      'p1-zz-3.00000000',
      'x',
      `37.${scopeFingerprint({ ...scope, role: 'gridLeader' })}`,
    ])
      expect(decodeCursor(cursor, scope, lastSeqs).reset, cursor).toBe(true);
    expect(decodeCursor(undefined, scope, lastSeqs).reset).toBe(false);
  });

  it('starts over when a department account is bound to another department, or to one at all', () => {
    const zhifa = { ...scope, role: 'lawEnforcement', departmentId: 'dachang-zhifa' };
    const positions = new Map([
      ['dachang', 812],
      ['taishan', 41],
    ]);
    const cursor = encodeCursor(zhifa, positions);
    expect(decodeCursor(cursor, zhifa, lastSeqs)).toEqual({ positions, reset: false });
    expect(decodeCursor(cursor, { ...zhifa, departmentId: 'dachang-police' }, lastSeqs).reset).toBe(true);
    expect(decodeCursor(cursor, { ...zhifa, departmentId: undefined }, lastSeqs).reset).toBe(true);
    // An account bound to none keeps the fingerprint it had before departments.
    const unbound = { ...scope, departmentId: undefined };
    expect(decodeCursor(`37.${scopeFingerprint(scope)}`, unbound, lastSeqs).reset).toBe(false);
  });
});
