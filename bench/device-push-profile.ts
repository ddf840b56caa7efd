/**
 * A CPU profile of one device push (issue 15): 10,000 queued patrols of about 1.6 KB pushed by the
 * real sync engine over real IndexedDB in Chromium to a real SQLite server process, the pull that
 * follows included. Prints the top self-time functions (from the CDP Profiler, by source file of the
 * bundle), self time by file, and the pass's wall-clock phases (each Dexie transaction and request
 * timed, bench/browser/push-phases.ts): IndexedDB and the network run off the page's main thread,
 * where the profile only sees idle.
 *
 *   npx tsx bench/device-push-profile.ts      PROFILE_RECORDS=… to change the count
 * Writes bench/results/<at>-device-push.cpuprofile (open it in Chrome DevTools) and a JSON summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/e2e/support/chromium';
import { startServerProcess } from '../tests/e2e/support/server-process';
import type { PhaseTotals } from './browser/push-phases';
import { benchPage, deviceBenchScript } from './device';
import { round } from './stats';

const RECORDS = Number(process.env.PROFILE_RECORDS ?? 10_000);
const TOP = 25;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The source file of each bundle line, from the `// path` comments esbuild writes per module. */
function bundleFiles(script: string): (line: number) => string {
  const starts: { line: number; file: string }[] = [];
  script.split('\n').forEach((text, line) => {
    const match =
      /^ {2}\/\/ (?:\.\.\/)*(?:[\w.-]+\/)*?((?:src|bench|tests|node_modules)\/\S+\.[cm]?[jt]sx?)$/.exec(text);
    if (match?.[1]) starts.push({ line, file: match[1].replace(/^node_modules\/([^/]+)\/.*$/, '$1') });
  });
  return (line) => {
    let file = '(bundle)';
    for (const start of starts) {
      if (start.line > line) break;
      file = start.file;
    }
    return file;
  };
}

function selfTimes(profile: CpuProfile, fileOf: (line: number) => string) {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  // The injected bundle has no URL: it is the script that defines the sync engine.
  const bundle = profile.nodes.find((node) => node.callFrame.functionName === 'syncOnce')?.callFrame.scriptId;
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  const fileOfNode = (node: ProfileNode | undefined): string => {
    for (let at = node; at; at = parents.get(at.id)) {
      if (at.callFrame.scriptId === bundle) return fileOf(at.callFrame.lineNumber);
      if (at.callFrame.url) return at.callFrame.url.split('/').at(-1) ?? at.callFrame.url;
    }
    return '(no script)';
  };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, scriptId } = node.callFrame;
    const special = functionName.startsWith('(');
    const file = special ? '' : fileOfNode(node);
    // A built-in (IndexedDB get/put, JSON, fetch) is named with the file that called it.
    const where = scriptId === '0' && !special ? `built-in, called from ${file}` : file;
    const name = special ? functionName : `${functionName || '(anonymous)'}  [${where}]`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const fileKey = special ? functionName : file;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
  }
  const ms = (entries: Map<string, number>) =>
    [...entries].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: round(us / 1000, 0) }));
  return { functions: ms(byFunction), files: ms(byFile) };
}

const at = new Date().toISOString();
const server = await startServerProcess();
const browser = await launchChromium();
try {
  const { page, run } = await benchPage(browser, server.url);
  await run(`await b.fillTracked('profile-push', ${RECORDS}, a.gridId, a.userId);`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const pass = await run<{
    seconds: number;
    status: string;
    pushed: number;
    pulled: number;
    phases: PhaseTotals;
    ops: PhaseTotals;
  }>(`return b.phasedSync('profile-push', a.workerToken);`);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const times = selfTimes(profile, bundleFiles(await deviceBenchScript()));

  console.log(
    `device push of ${RECORDS}: ${pass.status}, pushed ${pass.pushed}, pulled ${pass.pulled}, ` +
      `${round(pass.seconds)} s (${Math.round(pass.pushed / pass.seconds)} rec/s)`,
  );
  console.log('\nwall-clock phases (ms, count):');
  let phased = 0;
  for (const [phase, { count, ms }] of Object.entries(pass.phases).sort((a, b) => b[1].ms - a[1].ms)) {
    phased += ms;
    console.log(`  ${String(Math.round(ms)).padStart(7)}  ×${String(count).padEnd(4)} ${phase}`);
  }
  console.log(`  ${String(Math.round(pass.seconds * 1000 - phased)).padStart(7)}        outside these`);
  console.log('\nIndexedDB calls (ms, count; calls may overlap):');
  for (const [op, { count, ms }] of Object.entries(pass.ops).sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${String(Math.round(ms)).padStart(7)}  ×${String(count).padEnd(5)} ${op}`);
  }
  console.log(`\ntop ${TOP} self time (ms) in the page's main thread:`);
  for (const { name, ms } of times.functions.slice(0, TOP))
    console.log(`  ${String(ms).padStart(7)}  ${name}`);
  console.log('\nself time by source (ms):');
  for (const { name, ms } of times.files.slice(0, 15)) console.log(`  ${String(ms).padStart(7)}  ${name}`);

  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stem = resolve(dir, `${at.replaceAll(':', '-')}-device-push`);
  writeFileSync(`${stem}.cpuprofile`, JSON.stringify(profile));
  writeFileSync(
    `${stem}.json`,
    `${JSON.stringify({ at, records: RECORDS, pass, top: times.functions.slice(0, 60), files: times.files }, null, 2)}\n`,
  );
  console.log(`\nwrote ${stem}.cpuprofile and .json`);
} finally {
  await browser.close();
  await server.stop();
}
