/**
 * What every device wrote, as the model saw it — kept apart from the server and the device
 * databases so the checker has something independent to hold them to.
 *
 * Every value a write puts in a text field is a unique marker (`w-<device>-<n>`), and each write
 * remembers the value it overwrote in the writer's own view. Following `overwrote` from a value
 * gives every write that value has knowingly superseded: the writer's own earlier edits, and
 * other devices' edits it had pulled before editing. A write that is not in that chain was never
 * seen by the writer, so overwriting it would be a silent overwrite.
 */
export type TextField = 'content' | 'summary' | 'title';

export interface Write {
  marker: string;
  device: string;
  recordId: string;
  /**
   * `party`: appended a child-list item named `marker`. `deleted`: deleted the record. `track`: a
   * GPS fix of a patrol in a track segment whose id is `marker`.
   */
  field: TextField | 'party' | 'deleted' | 'track';
  /** The value of the field in the writer's view just before this write. */
  overwrote?: string;
  /** Position in the order all writes were made. */
  order: number;
}

export interface CreatedRecord {
  recordId: string;
  device: string;
  outOfScope: boolean;
}

export class Ledger {
  readonly writes = new Map<string, Write>();
  readonly created: CreatedRecord[] = [];
  /** Writes that carry no marker of their own (结束巡查's end time): who wrote which record. */
  readonly unmarked: { recordId: string; device: string }[] = [];
  /** Records deleted on the device that made them before anything of theirs was sent. */
  readonly discarded = new Set<string>();
  #counters = new Map<string, number>();

  /** A fresh marker for `device`: `<prefix>-<device>-<n>`. */
  marker(prefix: string, device: string): string {
    const n = (this.#counters.get(device) ?? 0) + 1;
    this.#counters.set(device, n);
    return `${prefix}-${device}-${n}`;
  }

  add(write: Omit<Write, 'order'>): void {
    this.writes.set(write.marker, { ...write, order: this.writes.size });
  }

  /** The writer's own later delete of the same record: it supersedes everything the writer wrote before. */
  laterOwnDelete(write: Write): Write | undefined {
    for (const other of this.writes.values()) {
      const own = other.device === write.device && other.recordId === write.recordId;
      if (own && other.field === 'deleted' && other.order > write.order) return other;
    }
    return undefined;
  }

  /** The markers `value` stands for: itself and every write it superseded, transitively. */
  supersededBy(value: unknown): Set<string> {
    const chain = new Set<string>();
    for (let v = value; typeof v === 'string' && !chain.has(v); v = this.writes.get(v)?.overwrote) {
      chain.add(v);
    }
    return chain;
  }
}
