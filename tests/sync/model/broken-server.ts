/**
 * Deliberately broken servers, put in front of the real one to prove the model's checker can
 * fail. Each rewrites push requests the way a buggy server would behave:
 * - `acks-without-storing`: answers `applied` to every edit (baseRev > 0) and drops it.
 * - `no-dedupe`: forgets mutation ids, so a replayed mutation is applied again as new — a replayed
 *   create makes a second record (as a server minting its own ids would), a replayed edit
 *   overwrites whatever is there now (last writer wins).
 * - `last-writer-wins`: ignores every edit's baseRev, so a stale edit overwrites newer ones.
 */
import { randomUUID } from 'node:crypto';
import type { MutationResult, PushResponse } from '../../../src/domain/protocol';
import { findRecord } from '../../../src/server/db/records.repository';
import type { RestartableServer } from '../../support/restartable-server';
import type { Deliverer } from './fault-network';

export type Breakage = 'none' | 'acks-without-storing' | 'no-dedupe' | 'last-writer-wins';

interface WireMutation {
  id: string;
  seq: number;
  op: string;
  baseRev: number;
  record: { id: string; [key: string]: unknown };
}

/** The server as devices reach it: the real one, or the real one behind a breakage. */
export function deliverer(server: RestartableServer, breakage: Breakage): Deliverer {
  if (breakage === 'none') return server;
  const seen = new Set<string>();
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.endsWith('/api/sync/push')) return server.fetch(request);
    const body = (await request.json()) as { mutations: WireMutation[] };
    const faked = new Map<string, MutationResult>();
    const originalIds = new Map<string, string>();
    const forwarded: WireMutation[] = [];
    for (const m of body.mutations) {
      if (breakage === 'acks-without-storing' && m.baseRev > 0) {
        const rev = m.baseRev + 1;
        faked.set(m.id, { id: m.id, status: 'applied', rev, record: { ...m.record, rev } as never });
        continue;
      }
      if (breakage === 'last-writer-wins' && m.baseRev > 0) {
        const current = await findRecord(server.db(), m.record.id);
        forwarded.push({ ...m, baseRev: current?.rev ?? m.baseRev });
      } else if (breakage === 'no-dedupe' && seen.has(m.id)) {
        const id = randomUUID();
        originalIds.set(id, m.id);
        const current = await findRecord(server.db(), m.record.id);
        forwarded.push(
          m.baseRev === 0
            ? { ...m, id, record: { ...m.record, id: randomUUID() } }
            : { ...m, id, baseRev: current?.rev ?? m.baseRev },
        );
      } else {
        forwarded.push(m);
      }
      seen.add(m.id);
    }
    let results: MutationResult[] = [];
    if (forwarded.length > 0) {
      const response = await server.fetch(
        new Request(request.url, {
          method: 'POST',
          headers: request.headers,
          body: JSON.stringify({ ...body, mutations: forwarded }),
        }),
      );
      if (!response.ok) return response;
      results = ((await response.json()) as PushResponse).results.map((r) => ({
        ...r,
        id: originalIds.get(r.id) ?? r.id,
      }));
    }
    const byId = new Map([...results, ...faked.values()].map((r) => [r.id, r]));
    const ordered = body.mutations.flatMap((m) => byId.get(m.id) ?? []);
    return Response.json({ results: ordered });
  };
  return { fetch: fetchImpl, restart: () => server.restart() };
}
