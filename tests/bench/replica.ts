// The replica (issue #18), as medians of interleaved pairs:
//   1. write overhead on importing one large file (BENCH_REPLICA_MB, default 1024): a vault with a replica on the same
//      file system (blobs hard-linked) and on another (/dev/shm, blobs copied), against the same import without one;
//   2. incremental replication after one new item in a vault of BENCH_CASES cases (default 10,000) and ten items each;
//   3. restore of BENCH_RESTORE_MB (default 2048; the issue asks 10 GiB, too much for this disk in a bench run) against
//      `age -d`, or `openssl enc -d -chacha20` where age is not installed.
// Run by `npm run bench`, or alone: node tests/bench/replica.ts (BENCH_PARTS=13 runs only parts 1 and 3)
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Archive } from '../../electron/archive/index.ts';
import { openCatalog } from '../../electron/archive/catalog/database.ts';
import { CaseQueries } from '../../electron/archive/catalog/cases.ts';
import { ItemQueries } from '../../electron/archive/catalog/items.ts';
import { nativePrimitives } from '../../electron/archive/crypto/index.ts';
import { CustodyLog } from '../../electron/archive/custody/log.ts';
import { restoreReplica } from '../../electron/archive/replica/restore.ts';
import { deriveVaultKeys } from '../../electron/archive/vault/keys.ts';
import { unlockMasterKey } from '../../electron/archive/vault/vault.ts';
import { tempDir, writeRandomFile } from '../helpers/files.ts';
import { ageKeypair, timeShell } from './shell.ts';

const IMPORT_MB = Number(process.env.BENCH_REPLICA_MB ?? 1024);
const RESTORE_MB = Number(process.env.BENCH_RESTORE_MB ?? 2048);
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
/** Which of the three measurements to run (BENCH_PARTS=2 runs only the incremental one). */
const PARTS = process.env.BENCH_PARTS ?? '123';
const passphrase = 'benchmark passphrase';
const dir = tempDir('custodia-replica-bench-');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Imports `file` into a fresh vault (with a replica at `replica` when given) and returns the ms until the replica holds it. */
async function timedImport(name: string, file: string, replica: string | null): Promise<number> {
  const vaultDir = path.join(dir, name);
  const { archive } = await Archive.create(vaultDir, passphrase);
  const caseId = archive.addCase({ title: 'bench' });
  if (replica) archive.replica.designate(replica);
  const started = performance.now();
  await archive.importFile(caseId, file);
  if (replica && archive.replica.flush().error) throw new Error(archive.replica.status().error!);
  const elapsed = performance.now() - started;
  archive.lock();
  rmSync(vaultDir, { recursive: true, force: true });
  if (replica) rmSync(replica, { recursive: true, force: true });
  return elapsed;
}

async function importOverhead(): Promise<void> {
  const file = path.join(dir, 'import.bin');
  await writeRandomFile(file, IMPORT_MB * 1024 * 1024);
  const other = existsSync('/dev/shm') ? '/dev/shm' : null;
  const plain: number[] = [];
  const linked: number[] = [];
  const copied: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    plain.push(await timedImport(`plain-${pair}`, file, null));
    linked.push(await timedImport(`linked-${pair}`, file, path.join(dir, `replica-${pair}`)));
    if (other) copied.push(await timedImport(`copied-${pair}`, file, path.join(other, `custodia-bench-replica-${process.pid}-${pair}`)));
  }
  rmSync(file);
  const overhead = (values: number[]) => `${(((median(values) - median(plain)) / median(plain)) * 100).toFixed(1)} %`;
  console.log(`-- 1. import of ${IMPORT_MB} MiB, median of ${PAIRS} interleaved runs`);
  console.log(`without a replica                            ${seconds(median(plain))}`);
  console.log(`replica on the same file system (hard link) ${seconds(median(linked))}  overhead ${overhead(linked)} (target ≤ 10 %)`);
  if (other)
    console.log(
      `replica on another file system (/dev/shm)   ${seconds(median(copied))}  overhead ${overhead(copied)} (blob copied and synced)`,
    );
}

/** A vault of CASES cases and ten metadata-only items each (sharing one blob), written in batches like catalog-scale.ts. */
async function scaleVault(vaultDir: string): Promise<string> {
  const { archive } = await Archive.create(vaultDir, passphrase);
  const seed = path.join(dir, 'seed.txt');
  writeFileSync(seed, 'shared content');
  const firstCase = archive.addCase({ title: 'seed' });
  const first = await archive.importFile(firstCase, seed);
  const blobId = archive.getItem(first.id).blob.blobId;
  archive.lock();
  const { masterKey, header } = await unlockMasterKey(vaultDir, { passphrase }, nativePrimitives);
  const keys = deriveVaultKeys(nativePrimitives, masterKey);
  const db = openCatalog(path.join(vaultDir, 'catalog.db'), keys.catalog);
  const signing = nativePrimitives.signKeypairFromSeed(keys.signingSeed);
  const signer = { publicKey: signing.publicKey, sign: (m: Buffer) => nativePrimitives.signDetached(m, signing.secretKey) };
  const log = new CustodyLog(db, signer, 'bench@localhost', header.vaultId);
  const cases = new CaseQueries(db);
  const items = new ItemQueries(db);
  for (let batch = 0; batch < CASES; batch += 500) {
    db.transaction(() => {
      for (let c = batch; c < Math.min(CASES, batch + 500); c++) {
        const caseId = cases.add({ title: `Дело №${c} — Жаңаөзен` });
        log.append('case-created', { kind: 'case', id: caseId }, {});
        for (let i = 0; i < 10; i++) {
          const id = randomUUID();
          items.insertItem({
            id,
            caseId,
            blobId,
            originalName: `scan-${c}-${i}.pdf`,
            mimeType: 'application/pdf',
            metadata: { type: 'court-decision', title: `Постановление ${c}/${i}`, confidentiality: 'public' },
            sourceModifiedAt: null,
            acquisition: null,
          });
          log.append('imported', { kind: 'item', id }, { case: caseId, sha256: first.sha256, size: 14 });
        }
      }
    })();
  }
  db.close();
  return firstCase;
}

async function incremental(): Promise<void> {
  const vaultDir = path.join(dir, 'scale');
  const caseId = await scaleVault(vaultDir);
  const archive = await Archive.unlock(vaultDir, { passphrase });
  let started = performance.now();
  archive.replica.designate(path.join(dir, 'scale-replica'));
  const firstFlush = performance.now() - started;
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const file = path.join(dir, `new-${round}.txt`);
    writeFileSync(file, `new evidence ${round} ${randomUUID()}`);
    await archive.importFile(caseId, file);
    started = performance.now();
    const state = archive.replica.flush();
    times.push(performance.now() - started);
    if (state.error) throw new Error(state.error);
  }
  archive.lock();
  console.log(`-- 2. a vault of ${CASES} cases / ${CASES * 10} items`);
  console.log(`first full replication                     ${seconds(firstFlush)}`);
  console.log(`one new item, replicated (median of 5)     ${seconds(median(times))} (target < 1 s)`);
  rmSync(vaultDir, { recursive: true, force: true });
  rmSync(path.join(dir, 'scale-replica'), { recursive: true, force: true });
}

async function restoreSpeed(): Promise<void> {
  const file = path.join(dir, 'restore.bin');
  await writeRandomFile(file, RESTORE_MB * 1024 * 1024);
  const vaultDir = path.join(dir, 'restore-vault');
  const replica = path.join(dir, 'restore-replica');
  const { archive } = await Archive.create(vaultDir, passphrase);
  archive.replica.designate(replica);
  await archive.importFile(archive.addCase({ title: 'restore' }), file);
  archive.lock();
  const age = ageKeypair(dir);
  const encrypted = path.join(dir, 'reference.enc');
  const reference = age
    ? {
        name: 'age -d',
        encrypt: `age -r ${age.recipient} -o '${encrypted}' '${file}'`,
        decrypt: `age -d -i '${age.keyFile}' -o '${dir}/ref.out' '${encrypted}'`,
      }
    : {
        name: 'openssl enc -d -chacha20 (age is not installed)',
        encrypt: `openssl enc -chacha20 -K ${'11'.repeat(32)} -iv ${'22'.repeat(16)} -in '${file}' -out '${encrypted}'`,
        decrypt: `openssl enc -d -chacha20 -K ${'11'.repeat(32)} -iv ${'22'.repeat(16)} -in '${encrypted}' -out '${dir}/ref.out'`,
      };
  timeShell(reference.encrypt);
  rmSync(file);
  const ours: number[] = [];
  const withVerify: number[] = [];
  const theirs: number[] = [];
  for (let pair = 0; pair < PAIRS; pair++) {
    const target = path.join(dir, `restored-${pair}`);
    let started = performance.now();
    await restoreReplica(replica, target, { passphrase });
    ours.push(performance.now() - started);
    const restored = await Archive.unlock(target, { passphrase });
    started = performance.now();
    if (!(await restored.verify()).ok) throw new Error('the restored vault does not verify');
    withVerify.push(ours.at(-1)! + performance.now() - started);
    restored.lock();
    rmSync(target, { recursive: true, force: true });
    theirs.push(timeShell(reference.decrypt) ?? NaN);
    rmSync(`${dir}/ref.out`, { force: true });
  }
  const rate = (ms: number) => `${((RESTORE_MB * 1.048576) / (ms / 1000)).toFixed(0)} MB/s`;
  console.log(`-- 3. restore of ${RESTORE_MB} MiB, median of ${PAIRS} interleaved pairs`);
  console.log(`${reference.name.padEnd(44)} ${seconds(median(theirs))}  ${rate(median(theirs))}`);
  console.log(
    `restore (copy, fsync, checks)               ${seconds(median(ours))}  ${rate(median(ours))}  ${(median(theirs) / median(ours)).toFixed(2)}× (target ≥ 0.8×)`,
  );
  console.log(
    `restore + full verify (decrypt, SHA-256)    ${seconds(median(withVerify))}  ${rate(median(withVerify))}  ${(median(theirs) / median(withVerify)).toFixed(2)}×`,
  );
}

try {
  console.log(`\nCustodia replica benchmark, ${new Date().toISOString()}`);
  if (PARTS.includes('1')) await importOverhead();
  if (PARTS.includes('2')) await incremental();
  if (PARTS.includes('3')) await restoreSpeed();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
