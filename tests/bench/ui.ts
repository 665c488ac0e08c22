// The case list at archive scale, in real Chromium (issue 20): a generated vault of 10,000 cases and
// 30,000 people, opened through the loopback bridge and the built renderer. Each run is a fresh
// browser profile; the numbers printed are medians of RUNS runs.
// Run: npm run bench:ui   (BENCH_CASES and BENCH_RUNS change the size and the number of runs)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { Archive } from '../../electron/archive/index.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { openBrowserSession, RENDERER } from '../helpers/browser.ts';
import type { Bridge } from '../../electron/serve/server.ts';
import { tempDir } from '../helpers/files.ts';
import { sessionOf } from '../helpers/vault-internals.ts';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PASSPHRASE = 'benchmark passphrase for the case list';
const VIEWPORT = { width: 1366, height: 800 };
const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 180_000);
/** BENCH_RENDERER=dir measures another build of the renderer (e.g. the one before a change). */
/** BENCH_VAULT=dir keeps the generated vault there and reuses it on the next run (it takes a minute or two to build). */
const KEPT_VAULT = process.env.BENCH_VAULT;
const RENDERER_DIR = process.env.BENCH_RENDERER;

const SURNAMES = ['Әділбекұлы', 'Қасымұлы', 'Ахметов', 'Нұрсұлтанов', 'Тоқаев', 'Серікбаев', 'Жұмабаев', 'Омаров', 'Иванов', 'Ким'];
const NAMES = ['Серік', 'Ерлан', 'Айгүл', 'Мария', 'Тимур', 'Әсел', 'Нұрлан', 'Дина', 'Ғалым', 'Бауыржан'];
const CITIES = ['Жаңаөзен', 'Алматы', 'Шымкент', 'Ақтау', 'Талдықорған', 'Тараз'];
const STATUSES = ['pre-trial-detention', 'house-arrest', 'written-pledge', 'sentenced', 'released'] as const;
const ARTICLES = ['272', '269', '255', '274', '405'];
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Run {
  unlockToFirstRowMs: number;
  domNodes: number;
  clearFilterMs: number;
  typingLongestTaskMs: number;
  backFromCaseMs: number;
  scrollKeptPx: number;
  scrollWorstFrameMs: number;
  scrollMedianFrameMs: number;
}

/** Runs in the page before the app: notes when the unlock answer arrives and every long task. */
const instrument = `(() => {
  const bench = { unlockedAt: 0, firstRowPaintedAt: 0, longTasks: [], requests: [] };
  window.__bench = bench;
  const original = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const start = performance.now();
    const response = await original(input, init);
    if (String(input).includes('vault.unlock')) bench.unlockedAt = performance.now();
    bench.requests.push([String(input).split('/').pop(), Math.round(start), Math.round(performance.now())]);
    return response;
  };
  // The first case row drawn after the unlock answer, and the frame that paints it: timed in the page, since a
  // Playwright wait that sees the row returns only after a round trip to this process.
  new MutationObserver((_, observer) => {
    if (!bench.unlockedAt || !document.querySelector('tr[data-row]')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (bench.firstRowPaintedAt = performance.now()), 0));
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { bench.longTasks.push(entry.duration); (bench.taskTimes ??= []).push([Math.round(entry.startTime), Math.round(entry.duration)]); }
  }).observe({ type: 'longtask', buffered: true });
})()`;

/** In the page: waits (frame by frame) until `done()` holds, then one more frame so it was painted; returns ms since `start`. */
const settle = `async (start, done, limit) => {
  for (;;) {
    if (done()) break;
    if (performance.now() - start > limit) throw new Error('not settled within ' + limit + ' ms');
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - start;
}`;

/** The element that scrolls the case list: its own scroller when it has one, else the page. */
const scroller = `(document.querySelector('[data-scroller="cases"]') ?? document.scrollingElement)`;

async function buildVault(dir: string): Promise<void> {
  const started = performance.now();
  const { archive } = await Archive.create(dir, PASSPHRASE);
  // Through the engine's own addCase/addPerson, a thousand to a transaction (one fsync each) instead of one each.
  const batch = sessionOf(archive).db;
  const ids: string[] = [];
  for (let from = 0; from < CASES; from += 1000) {
    batch.transaction(() => {
      for (let i = from; i < Math.min(CASES, from + 1000); i++) {
        ids.push(
          archive.addCase({
            title: `Дело ${pick(SURNAMES, i)} ${pick(NAMES, i * 7)} №${i}`,
            reference: `${2020 + (i % 5)}-${String(i).padStart(5, '0')}`,
            region: pick(CITIES, i * 3),
            city: pick(CITIES, i),
            status: pick(STATUSES, i),
            charges: [{ article: pick(ARTICLES, i) }],
          }),
        );
      }
    })();
  }
  for (let from = 0; from < CASES * 3; from += 1000) {
    batch.transaction(() => {
      for (let i = from; i < Math.min(CASES * 3, from + 1000); i++) {
        archive.addPerson(
          { name: `${pick(SURNAMES, i)} ${pick(NAMES, i * 3)} ${i}` },
          { caseId: ids[i % CASES]!, role: i % 3 === 0 ? 'defendant' : i % 3 === 1 ? 'relative' : 'witness' },
        );
      }
    })();
  }
  archive.lock();
  console.log(`vault of ${CASES} cases and ${CASES * 3} people built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The bridge in a child process (tests/bench/ui-bridge.ts), as a Bridge whose close() stops it. */
async function bridgeProcess(vault: string, rendererDir: string): Promise<Bridge> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./ui-bridge.ts', import.meta.url)), vault, rendererDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout }), 'line'), exited.then(() => [])])) as string[];
  if (!line) throw new Error('the benchmark bridge stopped before printing its address');
  const { url, token, port } = JSON.parse(line) as Pick<Bridge, 'url' | 'token' | 'port'>;
  return {
    url,
    token,
    port,
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function longestTaskDuring(page: Page, action: () => Promise<void>): Promise<number> {
  await page.evaluate('window.__bench.longTasks = []');
  await action();
  await page.waitForTimeout(1000); // the debounced search and the redraw after it
  const tasks = (await page.evaluate('window.__bench.longTasks')) as number[];
  return tasks.length ? Math.max(...tasks) : 0;
}

async function oneRun(vault: string, index: number): Promise<Run> {
  const profile = tempDir(`custodia-bench-ui-profile-${index}-`);
  const session = await openBrowserSession({
    vault,
    bridge: await bridgeProcess(vault, RENDERER_DIR ?? RENDERER),
    profileDir: profile,
    viewport: VIEWPORT,
    timeoutMs: STEP_TIMEOUT_MS,
    ...(RENDERER_DIR ? { rendererDir: RENDERER_DIR } : {}),
  });
  const { page } = session;
  try {
    await page.addInitScript({ content: instrument });
    await page.goto(session.bridge.url);
    await page.getByLabel(en.unlock.passphrase, { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: en.unlock.submit }).click();
    await page.locator('tr[data-row]').first().waitFor();
    await page.waitForFunction('window.__bench.firstRowPaintedAt > 0');
    const unlockToFirstRowMs = (await page.evaluate('window.__bench.firstRowPaintedAt - window.__bench.unlockedAt')) as number;
    // BENCH_TRACE=1: what the page asked for and how long it was busy between the unlock and the first row.
    if (process.env.BENCH_TRACE) console.log(await page.evaluate('JSON.stringify(window.__bench)'));
    await page.waitForTimeout(500);
    const domNodes = (await page.evaluate("document.getElementsByTagName('*').length")) as number;

    // A filter on, then "Clear filters": until the count says every case is shown again.
    const total = en.cases.shown(CASES.toLocaleString('en'), CASES.toLocaleString('en'));
    const list = page.getByRole('search');
    await list.getByLabel(en.cases.filterStatus).selectOption('released');
    await page.getByRole('button', { name: en.cases.clearFilters }).waitFor();
    await page.waitForTimeout(300);
    const clearFilterMs = (await page.evaluate(
      `(() => { const start = performance.now(); [...document.querySelectorAll('button')].find((b) => b.textContent === ${JSON.stringify(en.cases.clearFilters)}).click();
        return (${settle})(start, () => document.querySelector('.count')?.textContent === ${JSON.stringify(total)}, ${STEP_TIMEOUT_MS}); })()`,
    )) as number;

    // Ten characters into the person filter, then ten into the search box, a key every 60 ms.
    const person = list.getByLabel(en.cases.filterPerson);
    const typingPerson = await longestTaskDuring(page, () => person.pressSequentially('Бауыржан 1', { delay: 60 }));
    await person.fill('');
    await page.waitForTimeout(500);
    const search = list.getByLabel(en.cases.search, { exact: true });
    const typingSearch = await longestTaskDuring(page, () => search.pressSequentially('Тоқаев Ерл', { delay: 60 }));
    await search.fill('');
    await page.locator('tr[data-row]').first().waitFor();
    await page.waitForTimeout(500);

    // Scroll a third of the way down, open the first row in view, go back: time and scroll kept.
    const wanted = await page.evaluate(
      `(() => { const s = ${scroller}; s.scrollTop = Math.floor(s.scrollHeight / 3); return s.scrollTop; })()`,
    );
    await page.waitForTimeout(300);
    const row = await page.evaluate(`(() => {
      // A row wholly inside the list box and clear of its sticky header, so clicking it scrolls nothing.
      const box = ${scroller}.getBoundingClientRect();
      const top = Math.max(box.top, 0) + 80, bottom = Math.min(box.bottom, innerHeight) - 10;
      const rows = [...document.querySelectorAll('tr[data-row]')];
      const visible = rows.find((r) => { const b = r.getBoundingClientRect(); return b.top > top && b.bottom < bottom; });
      visible.setAttribute('data-bench-open', '');
      return visible.querySelector('th').textContent;
    })()`);
    await page.locator('tr[data-bench-open]').click();
    await page.getByRole('heading', { level: 1, name: String(row) }).waitFor();
    await page.waitForTimeout(300);
    const backFromCaseMs = (await page.evaluate(
      `(() => { const start = performance.now(); [...document.querySelectorAll('button')].find((b) => b.textContent.includes(${JSON.stringify(en.caseView.back)})).click();
        return (${settle})(start, () => document.querySelector('tr[data-row]') && document.querySelector('.count'), ${STEP_TIMEOUT_MS}); })()`,
    )) as number;
    const scrollAfter = (await page.evaluate(`${scroller}.scrollTop`)) as number;
    const scrollKeptPx = Math.abs(scrollAfter - (wanted as number));

    // The whole list, top to bottom, in 150 steps of one frame each: the frame times.
    const frames = (await page.evaluate(`(async () => {
      const s = ${scroller};
      s.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 200));
      const steps = 150, last = s.scrollHeight - s.clientHeight, times = [];
      let before = performance.now();
      for (let i = 1; i <= steps; i++) {
        s.scrollTop = Math.round((last * i) / steps);
        await new Promise((r) => requestAnimationFrame(() => r()));
        const now = performance.now(); times.push(now - before); before = now;
      }
      return times;
    })()`)) as number[];
    return {
      unlockToFirstRowMs: unlockToFirstRowMs as number,
      domNodes,
      clearFilterMs,
      typingLongestTaskMs: Math.max(typingPerson, typingSearch),
      backFromCaseMs,
      scrollKeptPx,
      scrollWorstFrameMs: Math.max(...frames),
      scrollMedianFrameMs: median(frames),
    };
  } finally {
    await session.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const TARGETS: Record<keyof Run, [string, number]> = {
  unlockToFirstRowMs: ['unlock → first row, ms (Argon2id excluded)', 300],
  domNodes: ['DOM nodes on the list page', 5000],
  clearFilterMs: ['clearing a filter, ms', 100],
  typingLongestTaskMs: ['typing 10 characters: longest task, ms', 50],
  backFromCaseMs: ['back from a case, ms', 100],
  scrollKeptPx: ['scroll position lost on return, px', 1],
  scrollWorstFrameMs: ['scrolling the whole list: worst frame, ms', 50],
  scrollMedianFrameMs: ['scrolling the whole list: median frame, ms', 50],
};

const dir = tempDir('custodia-bench-ui-');
try {
  const vault = KEPT_VAULT ?? path.join(dir, 'vault');
  if (KEPT_VAULT && existsSync(KEPT_VAULT)) console.log(`reusing the vault in ${KEPT_VAULT}`);
  else await buildVault(vault);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await oneRun(vault, i));
    console.log(`run ${i + 1}: ${JSON.stringify(runs[i])}`);
  }
  console.log(`\ncase list, ${CASES.toLocaleString('en')} cases, Chromium ${VIEWPORT.width}×${VIEWPORT.height}, median of ${RUNS}`);
  for (const key of Object.keys(TARGETS) as (keyof Run)[]) {
    const [label, target] = TARGETS[key];
    const value = median(runs.map((run) => run[key]));
    console.log(`${label.padEnd(48)} ${value.toFixed(0).padStart(8)}   target < ${target}   ${value < target ? 'met' : 'NOT met'}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
