/** `custodia replica …` and `custodia restore`: the Syncthing-carried replica and rebuilding a vault from it. */
import path from 'node:path';
import type { Command } from 'commander';
import {
  Archive,
  ArchiveError,
  restoreReplica,
  syncthingStatus,
  type ReplicaState,
  type SyncthingReport,
  type Unlocker,
} from '../../archive/index.ts';
import { commandGroup, optionsOf, type CliContext } from '../command-context.ts';
import { EXIT } from '../exit-codes.ts';
import { promptSecret } from '../prompt.ts';

export function registerReplicaCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;
  const group = commandGroup(program, 'replica', 'the replica folder Syncthing carries: init, status, prune, send');

  group
    .command('init')
    .description('write every change of the vault into DIR too (encrypted; for Syncthing to carry)')
    .argument('[dir]', 'the replica folder')
    .action(async (dir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf(command);
      const target = path.resolve(requireArg(dir, 'DIR'));
      const state = await withArchive((archive) => archive.replica.designate(target));
      if (options.json) return printJson(state);
      if (state.error) throw new ArchiveError('io', state.error);
      print(`The vault now writes every change into ${target} (state ${state.generation}, custody event ${state.seq}).`);
      print('Share that folder with Syncthing as "Send Only" (docs/replica.md).');
    });

  group
    .command('status')
    .description("the replica's newest state, and Syncthing's view of each device it is shared with (exit 1 on a problem)")
    .option('--syncthing-home <dir>', "Syncthing's configuration folder")
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ syncthingHome?: string }>(command);
      const state = await withArchive((archive) => archive.replica.status());
      const syncthing: SyncthingReport | null = state.dir ? await syncthingStatus(state.dir, options.syncthingHome) : null;
      if (options.json) return printJson({ replica: state, syncthing });
      printStatus(print, state, syncthing);
      if (state.error) process.exitCode = EXIT.checkFailed;
    });

  group
    .command('prune')
    .description('remove all but the newest N catalog states (blobs and log segments stay; logged)')
    .option('--keep <n>', 'how many states to keep (required)')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ keep?: string }>(command);
      const keep = Number(requireArg(options.keep, '--keep N'));
      if (!Number.isInteger(keep) || keep < 1 || keep > 1_000_000)
        throw new ArchiveError('validation', '--keep is a whole number of states, at least 1');
      const removed = await withArchive((archive) => archive.replica.prune(keep));
      if (options.json) return printJson(removed);
      print(`Removed ${removed.states} older state(s) and ${removed.chunks} catalog chunk(s) only they used; recorded in the custody log.`);
    });

  group
    .command('send')
    .description("an encrypted package of the case for a colleague, in the replica's outbox/KEY/")
    .option('--case <id>', 'the case (required)')
    .option('--to <key>', "the colleague's receiving key (required)")
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ case?: string; to?: string }>(command);
      const caseId = requireArg(options.case, '--case ID');
      const recipient = requireArg(options.to, '--to KEY');
      const result = await withArchive((archive) => archive.exportPackage(caseId, recipient, archive.replica.outboxFile(recipient)));
      if (options.json) return printJson(result);
      print(`Wrote the package for ${recipient.slice(0, 16)}… into the replica's outbox: ${result.file}`);
    });

  commandGroup(program, 'inbox', "packages colleagues sent into the replica's inbox: import")
    .command('import')
    .summary("import the packages in the replica's inbox (or DIR) signed by a colleague")
    .description(
      "import the packages in DIR (default: the replica's inbox/) signed by SENDER_KEY; each package once " +
        '(a replayed one is named, not imported again; exit 1 if one was refused)',
    )
    .argument('[dir]', 'the folder of packages')
    .option('--key <sender-key>', "the colleague's signing key (required)")
    .action(async (dir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ key?: string }>(command);
      const sender = requireArg(options.key, "--key SENDER_KEY (the colleague's signing key, custodia identity on their side)");
      const entries = await withArchive((archive) =>
        archive.replica.importInbox((file, opts) => archive.importPackage(file, opts), sender, dir && path.resolve(dir)),
      );
      if (options.json) return printJson(entries);
      if (entries.length === 0) print('No packages in the inbox.');
      for (const entry of entries) print(`${entry.status.toUpperCase().padEnd(20)} ${path.basename(entry.file)}: ${entry.detail}`);
      if (entries.some((entry) => entry.status === 'refused')) process.exitCode = EXIT.checkFailed;
    });

  program
    .command('restore')
    .description('rebuild the vault from a replica into an empty folder, then verify it (exit 1 on a problem)')
    .argument('[replica-dir]', 'the replica folder')
    .option('--to <new-vault>', 'the empty folder for the restored vault (required)')
    .action(async (replicaDir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ to?: string }>(command);
      const from = path.resolve(requireArg(replicaDir, 'REPLICA_DIR'));
      const to = path.resolve(requireArg(options.to, '--to NEW_VAULT'));
      const unlocker: Unlocker =
        process.env.CUSTODIA_RECOVERY_KEY && !process.env.CUSTODIA_PASSPHRASE
          ? { recoveryKey: process.env.CUSTODIA_RECOVERY_KEY }
          : { passphrase: await promptSecret('Passphrase of the vault: ', 'CUSTODIA_PASSPHRASE') };
      const report = await restoreReplica(from, to, unlocker);
      const restored = await Archive.unlock(to, unlocker);
      let audit;
      try {
        audit = await restored.verify();
      } finally {
        restored.lock();
      }
      if (options.json) {
        printJson({ ...report, verify: audit });
      } else {
        for (const skipped of report.skipped) print(`Skipped ${skipped.state}: the replica lacks ${skipped.missing}`);
        if (report.newerEvents) {
          print(
            `NOTE: custody events ${report.newerEvents.from}–${report.newerEvents.to} are in the replica's log but in no complete state (still being carried, or removed): the restored vault ends at event ${report.seq}.`,
          );
        }
        print(
          `Restored state ${report.generation} of ${report.time} (custody event ${report.seq}, ${report.blobs} files, ${(report.bytes / 1e6).toFixed(1)} MB) into ${to}.`,
        );
        for (const problem of audit.problems) print(`PROBLEM ${problem.kind}: ${problem.message}`);
        print(
          audit.ok
            ? `OK: verified ${audit.events} custody events and ${audit.blobs} files.`
            : `FAILED: the restored vault has ${audit.problems.length} problem(s).`,
        );
      }
      if (!audit.ok) process.exitCode = EXIT.checkFailed;
    });
}

function printStatus(print: (line: string) => void, state: ReplicaState, syncthing: SyncthingReport | null): void {
  if (!state.dir) return print('This vault has no replica folder (custodia replica init DIR).');
  print(`Replica: ${state.dir}`);
  print(`  newest state ${state.generation}, custody event ${state.seq}${state.lastWrittenAt ? `, written ${state.lastWrittenAt}` : ''}`);
  if (state.error) print(`  PROBLEM: ${state.error}`);
  if (!syncthing) return;
  if (!syncthing.available) return print(`Syncthing: ${syncthing.reason}`);
  print(
    `Syncthing (${syncthing.address}): folder "${syncthing.folder.label || syncthing.folder.id}" (${syncthing.folder.type}${syncthing.folder.paused ? ', paused' : ''}), ${syncthing.state}${syncthing.lastScan ? `, last scanned ${syncthing.lastScan}` : ''}`,
  );
  if (syncthing.devices.length === 0) print('  shared with no device yet');
  for (const device of syncthing.devices) {
    const sync = device.completion >= 100 ? 'in sync' : `${device.completion}% (${(device.needBytes / 1e6).toFixed(1)} MB to go)`;
    print(
      `  ${device.name}: ${sync}, ${device.connected ? 'connected' : 'not connected'}${device.lastSeen ? `, last seen ${device.lastSeen}` : ''}`,
    );
  }
}
