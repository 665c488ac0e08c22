// Memory that plateaus (issue 20): one bridge process, 100 unlock → work → lock cycles over loopback HTTP.
// After the first 10 the resident size must stay within 10 % of what it was then. Garbage is collected
// before each reading, so what is measured is what the process keeps.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { startBridge } from '../../electron/serve/server.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const CYCLES = Number(process.env.CUSTODIA_MEMORY_CYCLES ?? 100);
const WARM_UP = 10;
const CASES = 400;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const residentMb = () => {
  gc();
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
};

test(`${CYCLES} unlock/lock cycles in one bridge end within 10 % of the size after ${WARM_UP}`, { timeout: 30 * 60_000 }, async () => {
  const dir = tempDir('custodia-memory-');
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Custodia</title>');
  const host = new ArchiveHost(path.join(dir, 'vault'));
  const bridge = await startBridge({ vaultDir: path.join(dir, 'vault'), rendererDir: renderer, port: 0, host });
  const call = async (channel: string, body: unknown) => {
    const response = await fetch(new URL(`/api/${channel}`, bridge.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Custodia-Token': bridge.token },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as { ok: boolean; error?: { message: string } };
    assert.ok(result.ok, `${channel}: ${result.error?.message}`);
    return result;
  };
  try {
    await call('vault.create', { passphrase: PASSPHRASE });
    for (let i = 0; i < CASES; i++) await call('cases.add', { title: `Дело ${i}: Бауыржан Мелдехан`, region: 'Маңғыстау' });
    await call('vault.lock', {});
    const sizes: number[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      await call('vault.unlock', { passphrase: PASSPHRASE });
      await call('cases.list', {});
      await call('search.page', { query: 'Baurzhan', limit: 100 });
      await call('poa.list', { expiringWithinDays: 30 });
      await call('integrity.summary', {});
      await fetch(bridge.url).then((response) => response.text());
      await call('vault.lock', {});
      sizes.push(residentMb());
    }
    const base = sizes[WARM_UP - 1]!;
    const end = sizes[sizes.length - 1]!;
    console.log(`resident MB after cycle 1: ${sizes[0]!.toFixed(0)}, ${WARM_UP}: ${base.toFixed(0)}, ${CYCLES}: ${end.toFixed(0)}`);
    assert.ok(end <= base * 1.1, `grew from ${base.toFixed(0)} MB to ${end.toFixed(0)} MB`);
  } finally {
    await bridge.close();
    host.lock();
    rmSync(dir, { recursive: true, force: true });
  }
});
