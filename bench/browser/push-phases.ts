/**
 * Wall-clock phases of one sync pass, measured from outside the sync code: every Dexie transaction
 * the pass opens is timed and named by its mode and tables, and every request by its path. A CPU
 * profile cannot tell these apart (IndexedDB and the network run off the main thread, where the
 * profile only sees idle), so the profile script prints both.
 */
import type { LocalDb } from '../../src/sync/local-db';

export interface PhaseTotals {
  [phase: string]: { count: number; ms: number };
}

/** What each transaction of the pass is, by its mode and tables (push.ts, pull.ts). */
const TRANSACTION_PHASES: Record<string, string> = {
  'rw outbox': 'push: outbox walk + mark attempts',
  'rw outbox,records': 'push: apply results',
  'rw meta,opaqueRecords,outbox,records': 'pull: apply page',
};

function tableNames(args: unknown[]): string {
  const names: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'string') names.push(value);
    else if (value && typeof value === 'object' && 'name' in value) names.push(String(value.name));
  };
  args.forEach(visit);
  return [...new Set(names)].sort().join(',');
}

function adder(totals: PhaseTotals) {
  return (phase: string, ms: number) => {
    const entry = totals[phase] ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += ms;
    totals[phase] = entry;
  };
}

const TABLE_OPS = [
  'get',
  'bulkGet',
  'put',
  'bulkPut',
  'add',
  'bulkAdd',
  'delete',
  'bulkDelete',
  'update',
  'count',
];
const COLLECTION_OPS = ['toArray', 'each', 'primaryKeys', 'keys', 'count', 'delete', 'modify', 'sortBy'];

type Method = (...args: unknown[]) => unknown;

/** Wraps `target[name]` to time the promise it returns under `label(this)`; answers the undo. */
function timeMethod(
  target: Record<string, unknown>,
  name: string,
  label: (self: unknown) => string,
  add: (phase: string, ms: number) => void,
): () => void {
  const original = target[name] as Method;
  target[name] = function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    const result = original.apply(this, args);
    const done = () => add(label(this), performance.now() - start);
    if (result instanceof Promise || (result && typeof (result as Promise<unknown>).then === 'function')) {
      (result as Promise<unknown>).then(done, done);
    }
    return result;
  };
  return () => {
    target[name] = original;
  };
}

/** Times every table and collection call on `db` into `ops` (each IndexedDB read and write). */
function watchOps(db: LocalDb, ops: PhaseTotals): () => void {
  const add = adder(ops);
  const undo: (() => void)[] = [];
  // On the prototypes: Dexie hands out a table object per access, not the ones in db.tables.
  const table = Object.getPrototypeOf(db.outbox) as Record<string, unknown>;
  for (const op of TABLE_OPS) {
    undo.push(timeMethod(table, op, (self) => `${(self as { name?: string }).name ?? '?'}.${op}`, add));
  }
  const collection = Object.getPrototypeOf(db.outbox.toCollection()) as Record<string, unknown>;
  for (const op of COLLECTION_OPS) {
    const label = (self: unknown) => {
      const ctx = (self as { _ctx?: { table?: { name?: string }; index?: string } })._ctx;
      return `${ctx?.table?.name ?? '?'}${ctx?.index ? `[${ctx.index}]` : ''} → ${op}`;
    };
    undo.push(timeMethod(collection, op, label, add));
  }
  return () => {
    for (const step of undo.reverse()) step();
  };
}

/**
 * Times `db`'s transactions and `fetchImpl`'s requests into `totals`, and each table call into
 * `ops`, until `stop` is called.
 */
export function watchPhases(
  db: LocalDb,
  fetchImpl: typeof fetch,
  totals: PhaseTotals,
  ops: PhaseTotals,
): { fetch: typeof fetch; stop(): void } {
  const add = adder(totals);
  const unwatchOps = watchOps(db, ops);
  const original = db.transaction;
  let depth = 0;
  const timed = function (this: LocalDb, ...args: unknown[]) {
    const mode = String(args[0]).includes('w') ? 'rw' : 'r';
    const key = `${mode} ${tableNames(args.slice(1, -1))}`;
    const outer = depth === 0;
    depth += 1;
    const start = performance.now();
    const done = () => {
      depth -= 1;
      if (outer) add(TRANSACTION_PHASES[key] ?? `transaction ${key}`, performance.now() - start);
    };
    const result = (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    return result.then(
      (value) => {
        done();
        return value;
      },
      (error: unknown) => {
        done();
        throw error;
      },
    );
  };
  (db as unknown as { transaction: unknown }).transaction = timed;
  const timedFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const phase = url.includes('/api/sync/push')
      ? 'push: request (send, server, response read)'
      : url.includes('/api/sync/pull')
        ? 'pull: request (server, response read)'
        : `request ${new URL(url, location.href).pathname}`;
    const start = performance.now();
    const response = await fetchImpl(input, init);
    // The body is read here so the phase includes the transfer; the caller reads the copy.
    const body = await response.arrayBuffer();
    add(phase, performance.now() - start);
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return {
    fetch: timedFetch,
    stop() {
      unwatchOps();
      (db as unknown as { transaction: unknown }).transaction = original;
    },
  };
}
