import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, type AuditProgress } from '../../../electron/archive/index.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../../helpers/files.ts';

const root = tempDir('custodia-audit-');
let vault: string;
const items: string[] = [];

before(async () => {
  vault = path.join(root, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE);
  const caseId = archive.addCase({ title: 'Audit' });
  for (let i = 0; i < 10; i++) {
    const file = path.join(root, `file-${i}.bin`);
    // An empty file too: one empty final chunk whose tag must still verify.
    await writeRandomFile(file, i === 0 ? 600_000 : i === 9 ? 0 : 1000 + i);
    items.push((await archive.importFile(caseId, file)).id);
  }
  archive.lock();
});
after(() => rmSync(root, { recursive: true, force: true }));

async function withVault<T>(work: (archive: Archive) => Promise<T>): Promise<T> {
  const archive = await Archive.unlock(vault, { passphrase: PASSPHRASE });
  try {
    return await work(archive);
  } finally {
    archive.lock();
  }
}

function blobPath(archive: Archive, itemId: string): string {
  const { fileName } = archive.getItem(itemId).blob;
  return path.join(vault, 'blobs', fileName.slice(0, 2), fileName);
}

test('a full audit reports what it checked, how fast, and is recorded as a custody event', async () => {
  const seen: AuditProgress[] = [];
  const report = await withVault((archive) => archive.verify({ onProgress: (_done, _total, progress) => seen.push(progress) }));
  assert.equal(report.ok, true);
  assert.equal(report.mode, 'full');
  assert.equal(report.blobs, 10);
  assert.equal(report.blobsInVault, 10);
  for (let done = 1; done <= 10; done++)
    assert.ok(
      seen.some((p) => p.blobsDone === done),
      `a report when file ${done} is done`,
    );
  assert.ok(
    seen.every((p, i) => i === 0 || p.doneBytes >= seen[i - 1]!.doneBytes),
    'progress only grows',
  );
  assert.equal(seen.at(-1)!.doneBytes, report.bytes);
  assert.equal(seen.at(-1)!.blobsDone, 10);
  assert.equal(seen.at(-1)!.etaSeconds, 0);
  assert.ok(seen.every((p) => p.bytesPerSecond >= 0 && p.totalBytes === report.bytes));
  assert.ok(Date.parse(report.finishedAt) >= Date.parse(report.startedAt));
  const event = await withVault(async (archive) => archive.custodyEvents().find((e) => e.seq === report.auditEvent)!);
  assert.equal(event.action, 'verified');
  assert.equal(event.details.ok, true);
  assert.equal(event.details.mode, 'full');
  assert.equal(event.details.blobs, 10);
  assert.equal(event.details.bytes, report.bytes);
});

test('a sampled audit checks the given share of files, at random, and says so', async () => {
  const checked = new Set<number>();
  for (let round = 0; round < 6; round++) {
    const report = await withVault((archive) => archive.verify({ sample: 30 }));
    assert.equal(report.mode, 'sample');
    assert.equal(report.blobs, 3);
    assert.equal(report.samplePercent, 30);
    checked.add(report.bytes);
  }
  assert.ok(checked.size > 1, 'different rounds draw different files');
  const one = await withVault((archive) => archive.verify({ sample: 1 }));
  assert.equal(one.blobs, 1, 'a sample is never empty');
  for (const sample of [0, 0.5, -3])
    await assert.rejects(
      withVault((archive) => archive.verify({ sample })),
      /whole percentage/,
    );
});

test('the last audit is read back from the custody log', async () => {
  const { last, report } = await withVault(async (archive) => {
    const report = await archive.verify({ sample: 50 });
    return { report, last: archive.lastAudit() };
  });
  assert.ok(last);
  assert.equal(last.seq, report.auditEvent);
  assert.equal(last.mode, 'sample');
  assert.equal(last.ok, true);
  assert.equal(last.details.samplePercent, 50);
  const fresh = await Archive.create(path.join(root, 'fresh'), PASSPHRASE);
  assert.equal(fresh.archive.lastAudit(), null);
  fresh.archive.lock();
});

test('the audit names an altered blob with its chunk, a missing blob and an orphan file, and records the failure', async () => {
  const { altered, missing, originals } = await withVault(async (archive) => {
    const altered = blobPath(archive, items[0]!);
    const missing = blobPath(archive, items[1]!);
    return { altered, missing, originals: [readFileSync(altered), readFileSync(missing)] as const };
  });
  const bytes = Buffer.from(originals[0]);
  bytes[64 + 5 * (65536 + 16) + 7]! ^= 0x40;
  writeFileSync(altered, bytes);
  unlinkSync(missing);
  try {
    const { report, last } = await withVault(async (archive) => {
      // The orphan is planted after unlock (the unlock sweep would remove it): as if copied in while open.
      mkdirSync(path.join(vault, 'blobs', 'zz'), { recursive: true });
      writeFileSync(path.join(vault, 'blobs', 'zz', 'zz00planted'), 'planted');
      const report = await archive.verify();
      return { report, last: archive.lastAudit() };
    });
    assert.equal(report.ok, false);
    const alteredProblem = report.problems.find((p) => p.kind === 'blob-altered')!;
    assert.equal(alteredProblem.item, items[0]);
    assert.equal(alteredProblem.chunk, 5);
    assert.equal(report.problems.find((p) => p.kind === 'blob-missing')?.item, items[1]);
    assert.match(report.problems.find((p) => p.kind === 'orphan-file')!.message, /zz00planted/);
    assert.equal(last?.ok, false);
    assert.deepEqual(new Set(last?.details.kinds as string[]), new Set(['blob-altered', 'blob-missing', 'orphan-file']));
  } finally {
    writeFileSync(altered, originals[0]);
    writeFileSync(missing, originals[1]);
    rmSync(path.join(vault, 'blobs', 'zz'), { recursive: true, force: true });
  }
  assert.equal((await withVault((archive) => archive.verify())).ok, true, 'restored, the vault verifies again');
});

test('a truncated blob, an extended one and one whose header was damaged are each named', async () => {
  const files = await withVault(async (archive) => [2, 3, 4].map((i) => blobPath(archive, items[i]!)));
  const originals = files.map((file) => readFileSync(file));
  writeFileSync(files[0]!, originals[0]!.subarray(0, originals[0]!.length - 1));
  writeFileSync(files[1]!, Buffer.concat([originals[1]!, Buffer.from([0])]));
  const damaged = Buffer.from(originals[2]!);
  damaged[0] = 0x58;
  writeFileSync(files[2]!, damaged);
  try {
    const report = await withVault((archive) => archive.verify());
    const byItem = new Map(report.problems.map((p) => [p.item, p]));
    assert.match(byItem.get(items[2])!.message, /wrong length/);
    assert.match(byItem.get(items[3])!.message, /wrong length/);
    assert.match(byItem.get(items[4])!.message, /damaged header/);
    assert.deepEqual(
      [2, 3, 4].map((i) => byItem.get(items[i])!.kind),
      ['blob-altered', 'blob-altered', 'blob-altered'],
    );
  } finally {
    files.forEach((file, i) => writeFileSync(file, originals[i]!));
  }
});

test('progress moves inside a large file, not only when it is done', async () => {
  const big = path.join(root, 'big-vault');
  const { archive } = await Archive.create(big, PASSPHRASE);
  try {
    const file = path.join(root, 'recording.bin');
    await writeRandomFile(file, 24 * 1024 * 1024);
    await archive.importFile(archive.addCase({ title: 'One recording' }), file);
    const seen: AuditProgress[] = [];
    const report = await archive.verify({ onProgress: (_done, _total, progress) => seen.push(progress) });
    assert.equal(report.ok, true);
    const inside = seen.filter((p) => p.blobsDone === 0);
    assert.ok(inside.length >= 1, 'a report before the only file was finished');
    assert.ok(inside[0]!.doneBytes > 0 && inside[0]!.doneBytes < report.bytes);
    assert.equal(seen.at(-1)!.doneBytes, report.bytes);
  } finally {
    archive.lock();
  }
});
