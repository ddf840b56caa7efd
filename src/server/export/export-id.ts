import { randomFillSync } from 'node:crypto';

/**
 * RFC 9562 UUIDv7 (48-bit millisecond time, then random bits), like the ids devices make
 * (src/sync/uuid-v7.ts, which the server may not import): export ids sort by when they were made.
 */
export function exportId(nowMs: number): string {
  const bytes = randomFillSync(new Uint8Array(16));
  let ms = nowMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
