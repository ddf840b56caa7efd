/** What a push settled, held for the pull that follows it (push.ts, pull.ts). */
import { deepEqual } from '../domain/merge';
import type { GridRecord } from '../domain/record-envelope';

/**
 * The server's copy of each record this pass settled, as the device now holds it (its `base`): the
 * pull that follows skips a change equal to it instead of reading and rewriting the row. Bounded,
 * so a push of tens of thousands keeps at most HELD_BYTES of them; the rest the pull applies as any.
 */
export class HeldCopies {
  static readonly HELD_BYTES = 16 * 1024 * 1024;
  readonly #copies = new Map<string, { record: GridRecord; bytes: number }>();
  #bytes = 0;

  hold(record: GridRecord, bytes: number): void {
    this.forget(record.id);
    if (this.#bytes + bytes > HeldCopies.HELD_BYTES) return;
    this.#copies.set(record.id, { record, bytes });
    this.#bytes += bytes;
  }

  forget(id: string): void {
    const held = this.#copies.get(id);
    if (!held) return;
    this.#copies.delete(id);
    this.#bytes -= held.bytes;
  }

  /** Whether `change` (as pulled, unparsed) is exactly the copy the device holds. */
  holds(change: { id: string }): boolean {
    const held = this.#copies.get(change.id);
    return held !== undefined && deepEqual(change, held.record);
  }
}
