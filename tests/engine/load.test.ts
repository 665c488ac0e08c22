import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { JobStatus } from '../../shared/model.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

/**
 * Reliability under load, through the loopback bridge exactly as the window uses it: `custodia
 * serve` in its own process (as browser mode runs), and this process as the window, sending 8
 * imports of 100 MB at once (4 MiB chunks), a search every 50 ms, and a full audit at the same
 * time. Everything finishes, the vault verifies, and searches stay answered: p50 under 150 ms,
 * p95 under 500 ms. On two cores this load saturates both (measured quiet: p50 40–80 ms, p95
 * 120–410 ms; the tail is the eight imports' commits and fsyncs landing together), so the bound
 * catches a stall — an import holding the event loop for seconds — not the scheduler's noise.
 */
const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));

/** Starts `custodia serve` on `vault` and answers the URL it prints first. */
async function serve(vault: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, '--vault', vault, 'serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`custodia serve exited with ${code}`)));
  });
  return { url: firstLine.trim(), stop: () => child.kill('SIGTERM') };
}
/**
 * POSTs raw bytes with node:http, which writes the buffer as it is: fetch() copies every body
 * first, and that copy, in this process on the same two cores, would be charged to the server.
 */
function postBytes(url: string, headers: Record<string, string>, body: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': body.length } },
      (response) => {
        const pieces: Buffer[] = [];
        response.on('data', (piece: Buffer) => pieces.push(piece));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(pieces).toString('utf8'))));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const FILES = 8;
const FILE_BYTES = Number(process.env.LOAD_FILE_MB ?? 100) * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

const dir = tempDir('custodia-load-');
after(() => rmSync(dir, { recursive: true, force: true }));

test(
  '8 concurrent 100 MB imports, searches and an audit: all finish, the vault verifies, search stays responsive',
  { timeout: 600_000 },
  async () => {
    const vault = path.join(dir, 'vault');
    mkdirSync(vault);
    const server = await serve(vault);
    const base = new URL(server.url).origin;
    const headers = { 'X-Custodia-Token': new URL(server.url).searchParams.get('token')! };
    const api = async <T>(channel: string, body: unknown): Promise<T> => {
      const response = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
      return result.value as T;
    };
    try {
      await api('vault.create', { passphrase: PASSPHRASE });
      const { id: caseId } = await api<{ id: string }>('cases.add', { title: 'Нагрузка: дело Әділбекұлы', charges: [{ article: '272' }] });

      const upload = async (index: number): Promise<string> => {
        const { uploadId } = await api<{ uploadId: string }>('imports.begin', { caseId, name: `recording-${index}.bin`, size: FILE_BYTES });
        // One random piece per file, stamped with its offset: every chunk and every file differ.
        const piece = randomBytes(CHUNK);
        for (let offset = 0; offset < FILE_BYTES; offset += CHUNK) {
          const length = Math.min(CHUNK, FILE_BYTES - offset);
          piece.writeDoubleLE(offset, 0);
          const result = (await postBytes(`${base}/upload/${uploadId}?offset=${offset}`, headers, piece.subarray(0, length))) as {
            ok: boolean;
            error?: { message: string };
          };
          if (!result.ok) throw new Error(`chunk at ${offset}: ${result.error?.message}`);
        }
        return (await api<{ itemId: string }>('imports.finish', { uploadId })).itemId;
      };

      let loading = true;
      const latencies: number[] = [];
      const searches = (async () => {
        while (loading) {
          const started = performance.now();
          await api('search.query', { query: 'Adilbekuly', limit: 20 });
          latencies.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const audit = (async () => {
        // Start once some files are in, so it has real work to do alongside the imports.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const { jobId } = await api<{ jobId: string }>('integrity.audit', {});
        for (;;) {
          const status = await api<JobStatus>('jobs.status', { jobId });
          if (status.state !== 'running') return status;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();

      const started = performance.now();
      const items = await Promise.all(Array.from({ length: FILES }, (_, index) => upload(index)));
      const importSeconds = (performance.now() - started) / 1000;
      const auditDuringLoad = await audit;
      loading = false;
      await searches;

      assert.equal(new Set(items).size, FILES);
      assert.equal(auditDuringLoad.state, 'done', JSON.stringify(auditDuringLoad.error));
      assert.equal((auditDuringLoad.result as { ok: boolean }).ok, true);

      const { jobId } = await api<{ jobId: string }>('integrity.audit', {});
      let final: JobStatus;
      do {
        await new Promise((resolve) => setTimeout(resolve, 200));
        final = await api<JobStatus>('jobs.status', { jobId });
      } while (final.state === 'running');
      const report = final.result as { ok: boolean; blobs: number; problems: unknown[] };
      assert.equal(final.state, 'done');
      assert.deepEqual([report.ok, report.blobs, report.problems], [true, FILES, []]);

      latencies.sort((a, b) => a - b);
      const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? Infinity;
      const p50 = latencies[Math.floor(latencies.length * 0.5)] ?? Infinity;
      process.stdout.write(
        `load: ${FILES} × ${FILE_BYTES / 1048576} MB imported in ${importSeconds.toFixed(1)} s ` +
          `(${((FILES * FILE_BYTES) / 1e6 / importSeconds).toFixed(0)} MB/s); ${latencies.length} searches, ` +
          `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms\n`,
      );
      assert.ok(latencies.length >= 10, 'searches ran during the load');
      assert.ok(p50 < 150 && p95 < 500, `search p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms during the load`);
    } finally {
      server.stop();
    }
  },
);
