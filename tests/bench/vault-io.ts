// One measured run of our own import / read-back / verify, in a fresh process so its peak RSS is ours alone.
// Prints one JSON line. Used by tests/bench/run.ts.
import { performance } from 'node:perf_hooks';
import { Archive } from '../../electron/archive/index.ts';

const [vault, file] = process.argv.slice(2) as [string, string];
const passphrase = 'benchmark passphrase';
const { archive } = await Archive.create(vault, passphrase);
archive.lock();

let started = performance.now();
const unlocked = await Archive.unlock(vault, { passphrase });
const unlockMs = performance.now() - started;
const caseId = unlocked.addCase({ title: 'bench' });

// Argon2id at MODERATE allocates 256 MiB for the moment of unlocking; the streaming work after it
// is what must stay bounded, so RSS is sampled from here on as well as reported as the process peak.
let streamingPeakRss = 0;
const sampler = setInterval(() => (streamingPeakRss = Math.max(streamingPeakRss, process.memoryUsage.rss())), 5);

started = performance.now();
const { id, size } = await unlocked.importFile(caseId, file);
const importMs = performance.now() - started;

// Read: every chunk decrypted and authenticated, output discarded (as `custodia item cat ID > /dev/null`).
started = performance.now();
let readBytes = 0;
for await (const piece of unlocked.readItem(id)) readBytes += piece.length;
const readMs = performance.now() - started;
const readOk = readBytes === size;

started = performance.now();
const verified = await unlocked.verifyItem(id);
const verifyMs = performance.now() - started;
unlocked.lock();
clearInterval(sampler);

process.stdout.write(
  `${JSON.stringify({ size, unlockMs, importMs, readMs, verifyMs, readOk, verifyOk: verified.ok, peakRssBytes: process.resourceUsage().maxRSS * 1024, streamingPeakRss })}\n`,
);
