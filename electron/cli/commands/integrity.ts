/** `custodia verify`, the bag commands and the package commands: checking the vault and moving cases out and in. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ArchiveError, assertOutsideVault, nativePrimitives, verifyBag, type AuditProgress } from '../../archive/index.ts';
import { optionsOf, type CliContext } from '../command-context.ts';
import { EXIT } from '../exit-codes.ts';

export function registerIntegrityCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;

  program
    .command('verify')
    .summary('audit the custody log and decrypt and re-hash the files (exit 1 on a problem)')
    .description(
      "audit: every custody log event's hash, link and signature (each one, or those after the last signed checkpoint, which " +
        'vouches for the rest), and every file (or a random PERCENT of them) decrypted and re-hashed; recorded in the custody log',
    )
    .option('--all-signatures', "check every event's signature, not only those after the last checkpoint")
    .option('--sample <percent>', 'check a random PERCENT of the files (1–100)')
    .option('--report <file.json>', 'also write the report to a file')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ allSignatures?: boolean; sample?: string; report?: string }>(command);
      const json = options.json ?? false;
      const sample = options.sample === undefined ? undefined : parsePercent(options.sample);
      const report = await withArchive((archive) => {
        if (options.report) assertOutsideVault(options.report, archive.dir, 'an audit report');
        return archive.verify({ onProgress: auditProgressReporter(json), allSignatures: options.allSignatures ?? false, sample });
      });
      if (options.report) await writeReport(options.report, { tool: 'custodia verify', ...report });
      if (json) {
        printJson(report);
      } else {
        for (const problem of report.problems) print(`PROBLEM ${problem.kind}: ${problem.message}`);
        const what = `${report.events} custody events and ${report.blobs}${report.mode === 'sample' ? ` of ${report.blobsInVault}` : ''} files (${(report.bytes / 1e6).toFixed(1)} MB, ${(report.bytesPerSecond / 1e6).toFixed(0)} MB/s)`;
        print(report.ok ? `OK: ${what} verified.` : `FAILED: ${report.problems.length} problem(s) in ${what}.`);
        if (options.report) print(`Report written to ${path.resolve(options.report)}`);
      }
      if (!report.ok) process.exitCode = EXIT.checkFailed;
    });

  program
    .command('export-bag')
    .description('a BagIt bag (RFC 8493) of a case: PLAINTEXT files, manifests, catalog, custody log')
    .option('--case <id>', 'the case (or --all)')
    .option('--all', 'every case')
    .option('--out <dir>', 'the new bag folder (required)')
    .option('--organization <name>', 'Source-Organization in bag-info.txt')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ case?: string; all?: boolean; out?: string; organization?: string }>(command);
      if (!options.case && !options.all) throw new ArchiveError('validation', 'give --case ID or --all (see custodia --help)');
      const out = requireArg(options.out, '--out DIR');
      process.stderr.write(
        'custodia: warning: a bag is NOT encrypted: the files, their names and the case record are readable by anyone who gets the folder\n',
      );
      const result = await withArchive((archive) =>
        archive.exportBag({
          caseId: options.all ? undefined : options.case,
          out,
          sourceOrganization: options.organization,
          onProgress: byteProgressReporter('export-bag', options.json ?? false),
        }),
      );
      if (options.json) return printJson(result);
      print(`Wrote a bag of ${result.files} files (${(result.bytes / 1e6).toFixed(1)} MB) to ${result.dir}`);
      print(`External-Identifier: ${result.externalIdentifier}; custody checkpoint at event ${result.checkpoint.seq}`);
    });

  program
    .command('verify-bag')
    .description('check a bag: checksums, completeness, custody-log signatures (no vault needed; exit 1 if invalid)')
    .argument('[dir]', 'the bag')
    .option('--key <hex>', 'the signing key the custody log must carry')
    .action(async (dir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ key?: string }>(command);
      const report = await verifyBag(requireArg(dir, 'DIR'), nativePrimitives, {
        expectedKey: options.key,
        onProgress: byteProgressReporter('verify-bag', options.json ?? false),
      });
      if (options.json) {
        const { payload: _payload, catalog: _catalog, ...summary } = report;
        printJson(summary);
      } else {
        for (const warning of report.warnings) print(`WARNING: ${warning}`);
        for (const problem of report.problems) print(`PROBLEM ${problem.kind}: ${problem.message}`);
        const custody = report.custody ? `; custody log of ${report.custody.events} events signed by ${report.custody.publicKey}` : '';
        print(
          report.ok
            ? `VALID: ${report.files} files, ${report.bytes} bytes, ${report.algorithms.join(' and ')} checked${custody}.`
            : `INVALID: ${report.problems.length} problem(s).`,
        );
      }
      if (!report.ok) process.exitCode = EXIT.checkFailed;
    });

  program
    .command('import-bag')
    .description("import a valid bag into a case (or a new case from our own bag's catalog)")
    .argument('[dir]', 'the bag')
    .option('--case <id>', 'the case to import into')
    .option('--key <hex>', 'the signing key the custody log must carry')
    .action(async (dir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ case?: string; key?: string }>(command);
      const bagDir = requireArg(dir, 'DIR');
      const result = await withArchive((archive) =>
        archive.importBag(bagDir, {
          caseId: options.case,
          expectedKey: options.key,
          onProgress: byteProgressReporter('checking', options.json ?? false),
        }),
      );
      if (options.json) {
        const { report: _report, ...summary } = result;
        return printJson(summary);
      }
      if (result.alreadyImported) return print(`Bag ${result.bag} was already imported into case ${result.caseId}; nothing changed.`);
      for (const item of result.imported)
        print(`${item.id}  ${item.sha256}  ${item.bagPath}${item.duplicate ? '  (already in this case)' : ''}`);
      print(`${result.caseCreated ? 'Created case' : 'Into case'} ${result.caseId} from bag ${result.bag}.`);
      for (const reason of result.records?.dropped ?? []) print(`Left out: ${reason}`);
    });

  program
    .command('export-package')
    .description("a case encrypted to another vault's receiving key (see custodia identity), signed")
    .option('--case <id>', 'the case (required)')
    .option('--to <key>', "the recipient's receiving key (required)")
    .option('--out <file.cstd>', 'the package file (required)')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ case?: string; to?: string; out?: string }>(command);
      const caseId = requireArg(options.case, '--case ID');
      const to = requireArg(options.to, "--to KEY (the recipient's receiving key)");
      const out = requireArg(options.out, '--out FILE.cstd');
      const result = await withArchive((archive) => archive.exportPackage(caseId, to, out));
      if (options.json) return printJson(result);
      print(`Wrote ${result.items} items (${(result.bytes / 1e6).toFixed(1)} MB) encrypted to ${result.recipient} into ${result.file}`);
      print(`Package ${result.packageId}`);
    });

  program
    .command('import-package')
    .description('import a package sent to this vault')
    .argument('[file]', 'the package (.cstd)')
    .option('--key <hex>', "the sender's signing key to insist on")
    .action(async (file: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ key?: string }>(command);
      const packageFile = requireArg(file, 'FILE.cstd');
      const result = await withArchive((archive) => archive.importPackage(packageFile, { expectedSender: options.key }));
      if (options.json) return printJson(result);
      if (result.alreadyImported)
        return print(`Package ${result.packageId} was already imported into case ${result.caseId}; nothing changed.`);
      for (const item of result.items) print(`${item.id}  ${item.sha256}`);
      print(`Imported package ${result.packageId} into case ${result.caseId}.`);
      for (const reason of result.records?.dropped ?? []) print(`Left out: ${reason}`);
      print(`Signed by ${result.sender.signingKey} (vault ${result.sender.vaultId}): compare it with the key the sender gave you.`);
    });
}

function parsePercent(text: string): number {
  const value = Number(text.replace(/%$/, ''));
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw new ArchiveError('validation', `--sample takes a whole percentage from 1 to 100 (got "${text}")`);
  }
  return value;
}

/** Written beside the target and renamed, so a half-written report never replaces a good one. */
async function writeReport(file: string, report: unknown): Promise<void> {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  await fs.writeFile(temp, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temp, target);
}

const formatDuration = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

function auditProgressReporter(json: boolean): ((done: number, total: number, progress: AuditProgress) => void) | undefined {
  if (!process.stderr.isTTY || json) return undefined;
  let last = 0;
  return (done, total, progress) => {
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const percent = total ? Math.floor((done / total) * 100) : 100;
    const eta = progress.etaSeconds === null ? '' : `  ETA ${formatDuration(progress.etaSeconds)}`;
    process.stderr.write(
      `\r\x1b[2Kverify: file ${progress.blobsDone}/${progress.blobsTotal}  ${percent}% of ${(total / 1e6).toFixed(1)} MB  ${(progress.bytesPerSecond / 1e6).toFixed(0)} MB/s${eta}${done >= total ? '\n' : ''}`,
    );
  };
}

function byteProgressReporter(what: string, json: boolean): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY || json) return undefined;
  let last = 0;
  const started = Date.now();
  return (done, total) => {
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const percent = total ? Math.floor((done / total) * 100) : 100;
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const eta = rate > 0 && done < total ? `  ETA ${formatDuration(Math.round((total - done) / rate))}` : '';
    process.stderr.write(
      `\r\x1b[2K${what}: ${percent}% of ${(total / 1e6).toFixed(1)} MB  ${(rate / 1e6).toFixed(0)} MB/s${eta}${done >= total ? '\n' : ''}`,
    );
  };
}
