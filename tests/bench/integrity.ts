// Integrity benchmark (issue 6): a full audit of a vault holding AUDIT_MB (default 2 GiB) of
// evidence against `age -d` of the same bytes, and a BagIt export of BAG_MB (default 1 GiB)
// against `cp` of the same files plus `sha256sum`, all in the same run on the same machine.
// Run alone: node tests/bench/integrity.ts (set AUDIT_MB / BAG_MB / FILE_MB to change sizes).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Archive } from '../../electron/archive/index.ts';
import { tempDir, writeRandomFile } from '../helpers/files.ts';
import { ageKeypair, timeShell } from './shell.ts';

const MIB = 1024 * 1024;
const auditMb = Number(process.env.AUDIT_MB ?? 2048);
const bagMb = Number(process.env.BAG_MB ?? 1024);
const fileMb = Number(process.env.FILE_MB ?? 128);
const dir = tempDir('custodia-integrity-bench-');
const passphrase = 'benchmark passphrase';
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const line = (name: string, bytes: number, ms: number | null) =>
  `${name.padEnd(44)} ${ms === null ? '   n/a' : `${mbps(bytes, ms).toFixed(0).padStart(6)} MB/s  ${(ms / 1000).toFixed(2)} s`}`;

/** Writes `totalMb` of random data as files of `fileMb` into `folder`; returns their paths. */
async function evidence(folder: string, totalMb: number): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  for (let i = 0, left = totalMb; left > 0; i++, left -= fileMb) {
    const file = path.join(folder, `evidence-${String(i).padStart(3, '0')}.bin`);
    await writeRandomFile(file, Math.min(fileMb, left) * MIB);
    files.push(file);
  }
  return files;
}

try {
  process.stderr.write(`Writing ${auditMb} MiB of random evidence in ${fileMb} MiB files…\n`);
  const auditFiles = await evidence(path.join(dir, 'audit-src'), auditMb);
  const bagFiles = await evidence(path.join(dir, 'bag-src'), bagMb);
  const auditBytes = auditMb * MIB;
  const bagBytes = bagMb * MIB;

  const vault = path.join(dir, 'vault');
  (await Archive.create(vault, passphrase)).archive.lock();
  const archive = await Archive.unlock(vault, { passphrase });
  const auditCase = archive.addCase({ title: 'audit' });
  const bagCase = archive.addCase({ title: 'bag' });
  process.stderr.write('Importing…\n');
  for (const file of auditFiles) await archive.importFile(auditCase, file);
  for (const file of bagFiles) await archive.importFile(bagCase, file);

  // age on the same bytes: each file encrypted once (not timed), then decrypted to /dev/null (timed).
  const age = ageKeypair(dir);
  let ageMs: number | null = null;
  if (age) {
    const ageDir = path.join(dir, 'age');
    mkdirSync(ageDir);
    for (const file of auditFiles) timeShell(`age -r ${age.recipient} -o '${ageDir}/${path.basename(file)}.age' '${file}'`);
    timeShell(`cat '${ageDir}'/*.age > /dev/null`);
    ageMs = timeShell(`for f in '${ageDir}'/*.age; do age -d -i '${age.keyFile}' "$f" > /dev/null || exit 1; done`);
    rmSync(ageDir, { recursive: true, force: true });
  }
  timeShell(`cat '${vault}'/blobs/*/* > /dev/null`); // both read from the page cache

  // The audit reads every blob in the vault: the bag case's too, so count its bytes as well.
  let started = performance.now();
  const report = await archive.verify();
  const auditMs = performance.now() - started;
  if (!report.ok) throw new Error(`the audit failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
  const vaultBytes = report.bytes;

  // cp of the same plaintext files plus sha256sum of the copies, against our export of the bag case.
  timeShell(`cat '${dir}'/bag-src/* > /dev/null`);
  const cpDir = path.join(dir, 'cp-copy');
  const cpMs = timeShell(`mkdir '${cpDir}' && cp '${dir}'/bag-src/* '${cpDir}'/ && sha256sum '${cpDir}'/* > /dev/null`);
  const cpSyncMs = timeShell(
    `rm -rf '${cpDir}' && mkdir '${cpDir}' && cp '${dir}'/bag-src/* '${cpDir}'/ && sync && sha256sum '${cpDir}'/* > /dev/null`,
  );
  rmSync(cpDir, { recursive: true, force: true });
  started = performance.now();
  const bag = await archive.exportBag({ caseId: bagCase, out: path.join(dir, 'bag') });
  const bagMs = performance.now() - started;
  archive.lock();
  if (bag.bytes !== bagBytes) throw new Error('the bag does not hold every byte');

  console.log(`\nCustodia integrity benchmark, ${new Date().toISOString()}`);
  console.log(
    `-- full audit: vault of ${(vaultBytes / MIB).toFixed(0)} MiB in ${report.blobs} files (the ${auditMb} MiB compared with age plus the bag case)`,
  );
  console.log(line('age -d (to /dev/null), same bytes', auditBytes, ageMs));
  console.log(line('custodia verify (decrypt + SHA-256 + log)', vaultBytes, auditMs));
  if (ageMs)
    console.log(`audit vs age -d            ${(mbps(vaultBytes, auditMs) / mbps(auditBytes, ageMs)).toFixed(2)}×  (target ≥ 0.8×)`);
  console.log(`-- BagIt export: ${bagMb} MiB in ${bag.files} files`);
  console.log(line('cp + sha256sum', bagBytes, cpMs));
  console.log(line('cp + sync + sha256sum', bagBytes, cpSyncMs));
  console.log(line('custodia export-bag (decrypt, SHA-256+512, fsync)', bagBytes, bagMs));
  if (cpMs) console.log(`export-bag vs cp+sha256sum ${(cpMs / bagMs).toFixed(2)}×  (target ≥ 0.8×)`);
  if (cpSyncMs) console.log(`export-bag vs cp+sync+sha256sum ${(cpSyncMs / bagMs).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
