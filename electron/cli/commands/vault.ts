/** `custodia init`, `demo`, `unlock`, `passwd`, `recovery-key` and `identity`: the vault itself and its keys. */
import path from 'node:path';
import type { Command } from 'commander';
import { Passphrase } from '../../../shared/schemas.ts';
import { Archive, buildDemoVault, DEMO_PASSPHRASE, keyFingerprint, parseInput } from '../../archive/index.ts';
import { optionsOf, type CliContext } from '../command-context.ts';
import { promptNewSecret } from '../prompt.ts';
import { printNote } from '../terminal-safe.ts';

const WEAK_FLAG = '--allow-weak-passphrase';
const WEAK_HELP = 'accept a passphrase rated guessable (recorded in the custody log)';

/** `--allow-weak-passphrase`: the user insists on a passphrase rated guessable; said here, recorded in the custody log. */
function weakPassphraseOverride(options: { allowWeakPassphrase?: boolean }): boolean {
  if (options.allowWeakPassphrase)
    printNote(`warning: ${WEAK_FLAG}: a guessable passphrase will be accepted and this is recorded in the custody log`);
  return options.allowWeakPassphrase ?? false;
}

export function registerVaultCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg, vaultDir } = context;

  program
    .command('init')
    .description('create a vault in DIR (an empty or new folder) and print its recovery key once')
    .argument('[dir]', 'the folder (default: --vault)')
    .option(WEAK_FLAG, WEAK_HELP)
    .action(async (dir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ allowWeakPassphrase?: boolean }>(command);
      const target = path.resolve(requireArg(dir ?? options.vault, 'DIR'));
      const passphrase = parseInput(Passphrase, await promptNewSecret('New passphrase: ', 'CUSTODIA_PASSPHRASE'));
      const { archive, recoveryKey } = await Archive.create(target, passphrase, { allowWeakPassphrase: weakPassphraseOverride(options) });
      archive.lock();
      if (options.json) return printJson({ vault: target, recoveryKey });
      print(`Created a vault in ${target}`);
      print('');
      print('Recovery key (print it or write it down and keep it apart from this computer;');
      print('it opens the vault if the passphrase is lost, and is shown only now):');
      print('');
      print(`  ${recoveryKey}`);
    });

  program
    .command('demo')
    .description(`create a vault of invented cases in DIR to try Custodia (passphrase from CUSTODIA_PASSPHRASE, else "${DEMO_PASSPHRASE}")`)
    .argument('[dir]', 'the folder')
    .action(async (dir: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf(command);
      const target = path.resolve(requireArg(dir, 'DIR'));
      const passphrase = parseInput(Passphrase, process.env.CUSTODIA_PASSPHRASE ?? DEMO_PASSPHRASE);
      const summary = await buildDemoVault(target, passphrase);
      if (options.json)
        return printJson({ vault: target, ...summary, passphrase: process.env.CUSTODIA_PASSPHRASE ? undefined : passphrase });
      print(`Created a demo vault of invented cases in ${target}: ${summary.cases} cases, ${summary.items} items.`);
      print(process.env.CUSTODIA_PASSPHRASE ? 'It opens with your CUSTODIA_PASSPHRASE.' : `Its passphrase is "${DEMO_PASSPHRASE}".`);
      print(`Try: custodia --vault ${JSON.stringify(target)} case list`);
    });

  program
    .command('unlock')
    .description('check that the passphrase opens the vault')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf(command);
      const summary = await withArchive((archive) => ({ vault: vaultDir(), vaultId: archive.vaultId, cases: archive.listCases().length }));
      if (options.json) return printJson({ ok: true, ...summary });
      print(`The vault in ${vaultDir()} unlocks (${summary.cases} cases).`);
    });

  program
    .command('passwd')
    .description('change the passphrase (the new one from CUSTODIA_NEW_PASSPHRASE or a prompt)')
    .option(WEAK_FLAG, WEAK_HELP)
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ allowWeakPassphrase?: boolean }>(command);
      await withArchive(async (archive) => {
        const next = parseInput(Passphrase, await promptNewSecret('New passphrase: ', 'CUSTODIA_NEW_PASSPHRASE'));
        await archive.changePassphrase(next, { allowWeakPassphrase: weakPassphraseOverride(options) });
      });
      if (options.json) return printJson({ ok: true });
      print('Passphrase changed. The old passphrase no longer opens the vault.');
    });

  program
    .command('recovery-key')
    .description('issue a new recovery key; the old one stops working')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf(command);
      const recoveryKey = await withArchive((archive) => archive.newRecoveryKey());
      if (options.json) return printJson({ recoveryKey });
      print('New recovery key (the previous one no longer works):');
      print(`  ${recoveryKey}`);
    });

  program
    .command('identity')
    .description(
      "the vault's public signing key and receiving key, with fingerprints, the dossiers' PDF certificate and each user's own key",
    )
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf(command);
      const { publicKey, receivingKey, pdfCertificate, users } = await withArchive(async (archive) => ({
        publicKey: archive.publicKey,
        receivingKey: archive.receivingPublicKey,
        pdfCertificate: (await archive.pdfCertificateFingerprint()).toUpperCase().match(/.{2}/g)!.join(':'),
        users: archive.users.list().map((user) => {
          const signingKey = archive.users.signingKeyOf(user.id);
          return { name: user.name, role: user.role, signingKey, fingerprint: keyFingerprint(signingKey) };
        }),
      }));
      const fingerprint = keyFingerprint(publicKey);
      const receivingFingerprint = keyFingerprint(receivingKey);
      if (options.json) return printJson({ signingKey: publicKey, fingerprint, receivingKey, receivingFingerprint, pdfCertificate, users });
      print(`Ed25519 signing key (custody log, checkpoints): ${publicKey}`);
      print(`Fingerprint: ${fingerprint}`);
      print(`X25519 receiving key (others encrypt packages to it: custodia export-package --to KEY): ${receivingKey}`);
      print(`Receiving fingerprint: ${receivingFingerprint}`);
      print(`PDF signature certificate of dossiers (SHA-256, as openssl x509 -fingerprint prints it): ${pdfCertificate}`);
      for (const user of users) {
        print(
          `${user.role ? `${user.name}, ${user.role}` : user.name}: own key countersigning their events ${user.signingKey} (${user.fingerprint})`,
        );
      }
    });
}
