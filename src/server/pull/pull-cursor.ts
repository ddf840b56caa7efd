import { createHash } from 'node:crypto';
import { readableKinds } from '../../domain/access-rules';

/**
 * The pull cursor is opaque to devices: `<last change_seq>.<scope fingerprint>`. The fingerprint
 * ties it to the grids, role and readable kinds of the caller when it was made; when any of them
 * changes, records that came into scope carry old change_seqs, so the device must re-pull from the
 * start.
 */
const CURSOR = /^(\d{1,15})\.([0-9a-f]{8})$/;

/** First 8 hex digits of sha256 over the role, the kinds it may read and the sorted grid ids. */
export function scopeFingerprint(scope: { gridIds: readonly string[]; role: string }): string {
  return createHash('sha256')
    .update([scope.role, readableKinds(scope.role).join(','), ...[...scope.gridIds].sort()].join('\n'))
    .digest('hex')
    .slice(0, 8);
}

export function encodeCursor(changeSeq: number, fingerprint: string): string {
  return `${changeSeq}.${fingerprint}`;
}

/**
 * Where to continue after `cursor`; a missing cursor starts over. A malformed cursor, one made for
 * another scope, or one past the server's last change (the database was restored from a backup)
 * resets: the device re-pulls from the start.
 */
export function decodeCursor(
  cursor: string | undefined,
  fingerprint: string,
  lastChangeSeq: number,
): { afterSeq: number; reset: boolean } {
  if (cursor === undefined || cursor === '') return { afterSeq: 0, reset: false };
  const match = CURSOR.exec(cursor);
  const afterSeq = Number(match?.[1]);
  if (!match || match[2] !== fingerprint || afterSeq > lastChangeSeq) return { afterSeq: 0, reset: true };
  return { afterSeq, reset: false };
}
