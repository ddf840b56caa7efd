/** Save latency and sync throughput of the real device code over real IndexedDB in Chromium. */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { loginResponseSchema } from '../src/domain/protocol';
import { median, percentile, round } from './stats';

const SAVE_SAMPLES = 60;

async function deviceBenchScript(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, 'browser/device-bench.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  return out.outputFiles[0]?.text ?? '';
}

async function login(url: string, username: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo123456' }),
  });
  return loginResponseSchema.parse(await response.json());
}

export async function measureDevice(browser: Browser, url: string) {
  const script = await deviceBenchScript();
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${url}/api/health`);
  await page.addScriptTag({ content: script });
  const worker = await login(url, 'hb-grid01');
  const police = await login(url, 'hb-police');
  const gridId = worker.user.scope.gridIds[0] ?? '';
  const userId = worker.user.id;
  const args = JSON.stringify({ gridId, userId, workerToken: worker.token, policeToken: police.token });
  const run = <R>(body: string): Promise<R> =>
    page.evaluate(`(async (b, a) => { ${body} })(window.deviceBench, ${args})`) as Promise<R>;

  const save = {} as Record<string, { medianMs: number; p95Ms: number }>;
  for (const size of [1_000, 10_000]) {
    const db = `bench-save-${size}`;
    await run(`await b.fill('${db}', ${size}, a.gridId, a.userId);`);
    const times = await run<number[]>(`return b.timeSaves('${db}', ${SAVE_SAMPLES}, a.gridId, a.userId);`);
    save[String(size)] = { medianMs: round(median(times)), p95Ms: round(percentile(times, 95)) };
    console.log(
      `save one record with ${size} stored: median ${save[String(size)]?.medianMs} ms, p95 ${save[String(size)]?.p95Ms} ms`,
    );
  }

  const N = 10_000;
  await run(`await b.fill('bench-push', ${N}, a.gridId, a.userId);`);
  const push = await run<{ seconds: number; status: string; pushed: number }>(
    `return b.sync('bench-push', a.workerToken);`,
  );
  const pull = await run<{ seconds: number; status: string; pulled: number }>(
    `return b.sync('bench-pull', a.policeToken);`,
  );
  const naiveSeconds = await run<number>(`return b.naivePush(1000, a.workerToken, a.gridId, a.userId);`);
  const pushRate = push.pushed / push.seconds;
  const naiveRate = 1000 / naiveSeconds;
  const sync = {
    push: {
      records: push.pushed,
      seconds: round(push.seconds),
      perSecond: Math.round(pushRate),
      status: push.status,
    },
    pull: {
      records: pull.pulled,
      seconds: round(pull.seconds),
      perSecond: Math.round(pull.pulled / pull.seconds),
      status: pull.status,
    },
    naivePush1000: { seconds: round(naiveSeconds), perSecond: Math.round(naiveRate) },
    batchedOverNaive: round(pushRate / naiveRate, 1),
  };
  console.log(`push ${sync.push.records} records: ${sync.push.seconds} s (${sync.push.perSecond}/s)`);
  console.log(
    `pull ${sync.pull.records} records into an empty device: ${sync.pull.seconds} s (${sync.pull.perSecond}/s)`,
  );
  console.log(
    `naive one-request-per-record push of 1000: ${sync.naivePush1000.seconds} s (${sync.naivePush1000.perSecond}/s); batched is ${sync.batchedOverNaive}x faster`,
  );
  await context.close();
  return { save, sync };
}
