import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Passphrase } from '../../shared/schemas.ts';
import {
  Archive,
  ArchiveError,
  buildDemoVault,
  DEMO_PASSPHRASE,
  defaultVaultDir,
  inspectFolder,
  isArchiveError,
  parseInput,
  type Unlocker,
} from '../archive/index.ts';
import { INTEGRITY_USAGE, integrityCommands } from './integrity-commands.ts';
import { DOSSIER_PARSE_OPTIONS, DOSSIER_USAGE, dossierCommands } from './dossier-commands.ts';
import { CONFIDENTIALITY_USAGE, dropUndefined, RECORD_PARSE_OPTIONS } from './record-flags.ts';
import { recordCommands } from './record-commands.ts';
import { itemCommands } from './item-commands.ts';
import { REPLICA_PARSE_OPTIONS, REPLICA_USAGE, replicaCommands } from './replica-commands.ts';
import { promptNewSecret, promptSecret } from './prompt.ts';
import { oneLine, printLine, printNote } from './terminal-safe.ts';
import { EXIT, exitCodeOf } from './exit-codes.ts';
import { QUARANTINE_USAGE, quarantineCommands } from './quarantine-commands.ts';
import { ensureRendererBuilt } from './renderer-build.ts';

const USAGE = `usage: custodia [--vault DIR] [--json] COMMAND

  init DIR [--allow-weak-passphrase]     create a vault in DIR (empty or new folder); a passphrase rated guessable is
                                         refused unless you insist (recorded in the custody log)
  demo DIR                               create a vault of invented cases in DIR to try Custodia (passphrase from
                                         CUSTODIA_PASSPHRASE, else "custodia demo vault")
  unlock                                 check that the passphrase opens the vault
  passwd [--allow-weak-passphrase]       change the passphrase (new one from CUSTODIA_NEW_PASSPHRASE or a prompt)
  recovery-key                           issue a new recovery key; the old one stops working
  case add --title TEXT [--reference TEXT] [--status S] [--since DATE] [--region R] [--city C]
           [--charge ARTICLE[:PART[:TITLE]]]... [--tag T]... [--narrative TEXT | --narrative-file FILE]
           [--confidentiality public|restricted|confidential]
  case status ID --status S [--since DATE] [--other TEXT]
  case list
  case show ID
  person add --name TEXT [--alias TEXT]... [--birth-date DATE] [--case ID --role ROLE] [--confidentiality LEVEL]
  person link --case ID --person ID --role ROLE
  person show ID
  search QUERY [--kind case|person|item]... [--status S] [--article N] [--region R] [--role ROLE]
               [--type ITEM_TYPE] [--from DATE] [--to DATE]
  item import --case ID [--type TYPE] [--title T] [--document-date D] [--issuing-body B] [--language L]
              [--obtained-from WHO --method HOW [--obtained-at DATE] [--obtained-by WHO]]
              [--confidentiality public|restricted|confidential] FILE|DIR...
  item list --case ID [--all]            --all includes items withdrawn from view
  item show ID
  item link|unlink ID --case ID | --person ID
  item withdraw ID --reason TEXT         out of the working views; nothing is deleted
  item derive ID --as redaction|transcript|translation FILE   a new item linked to ID; ID is never changed
  event add --case ID --date DATE [--approximate] --kind KIND --description TEXT [--item ID]... [--person ID]...
  poa add --case ID --grantor PERSON_ID --representative NAME --scope S... --issued DATE [--valid-until DATE] [--item ID]
  poa list [--expiring DAYS]
  poa revoke ID [--date DATE]
  source add --case ID --url URL --title TEXT [--publisher P] --accessed DATE [--item ID]
  identity                               the vault's public signing key and receiving key, with fingerprints, and the dossiers' PDF certificate
  item cat ID [--range START-END]        write an item's bytes to stdout (END inclusive)
  item verify ID                         decrypt and re-hash an item
  log [--item ID]                        the chain-of-custody log (of one item)
  log export --out FILE                  the log as JSON lines with the public key and a signed checkpoint
${INTEGRITY_USAGE}
${DOSSIER_USAGE}
${QUARANTINE_USAGE}
${REPLICA_USAGE}
  serve [--port N]                       browser mode on 127.0.0.1; prints the URL first
${CONFIDENTIALITY_USAGE}

The vault is --vault DIR, else CUSTODIA_VAULT, else the user-data folder.
The passphrase comes from CUSTODIA_PASSPHRASE (or CUSTODIA_RECOVERY_KEY), else a prompt.`;

const { values: options, positionals } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        vault: { type: 'string' },
        json: { type: 'boolean', default: false },
        title: { type: 'string' },
        reference: { type: 'string' },
        case: { type: 'string' },
        range: { type: 'string' },
        port: { type: 'string' },
        status: { type: 'string' },
        since: { type: 'string' },
        other: { type: 'string' },
        region: { type: 'string' },
        city: { type: 'string' },
        tag: { type: 'string', multiple: true },
        charge: { type: 'string', multiple: true },
        name: { type: 'string' },
        alias: { type: 'string', multiple: true },
        'birth-date': { type: 'string' },
        role: { type: 'string' },
        person: { type: 'string', multiple: true },
        type: { type: 'string' },
        'document-date': { type: 'string' },
        'issuing-body': { type: 'string' },
        language: { type: 'string' },
        'obtained-from': { type: 'string' },
        method: { type: 'string' },
        'obtained-at': { type: 'string' },
        'obtained-by': { type: 'string' },
        kind: { type: 'string', multiple: true },
        out: { type: 'string' },
        item: { type: 'string', multiple: true },
        date: { type: 'string' },
        approximate: { type: 'boolean', default: false },
        description: { type: 'string' },
        grantor: { type: 'string' },
        representative: { type: 'string' },
        scope: { type: 'string', multiple: true },
        issued: { type: 'string' },
        'valid-until': { type: 'string' },
        expiring: { type: 'string' },
        url: { type: 'string' },
        publisher: { type: 'string' },
        accessed: { type: 'string' },
        as: { type: 'string' },
        article: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        reason: { type: 'string' },
        all: { type: 'boolean', default: false },
        'all-signatures': { type: 'boolean', default: false },
        sample: { type: 'string' },
        report: { type: 'string' },
        organization: { type: 'string' },
        key: { type: 'string' },
        ...DOSSIER_PARSE_OPTIONS,
        'allow-weak-passphrase': { type: 'boolean', default: false },
        ...RECORD_PARSE_OPTIONS,
        ...REPLICA_PARSE_OPTIONS,
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fatal(new ArchiveError('validation', `${(error as Error).message} (see custodia --help)`));
  }
})();

const vaultDir = options.vault ? path.resolve(options.vault) : defaultVaultDir();
const print = (line: string, options: { emphasis?: boolean } = {}): void => printLine(line, options);
/** JSON is exact: escapes inside JSON strings already keep control characters off the terminal. */
const printJson = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function unlockVault(): Promise<Archive> {
  const state = await inspectFolder(vaultDir);
  if (state !== 'vault') {
    throw new ArchiveError(
      state === 'foreign' ? 'foreign-folder' : 'no-vault',
      state === 'foreign' ? `${vaultDir} is not a Custodia vault` : `no vault in ${vaultDir}: create one with "custodia init ${vaultDir}"`,
    );
  }
  const recoveryKey = process.env.CUSTODIA_RECOVERY_KEY;
  const unlocker: Unlocker =
    recoveryKey && !process.env.CUSTODIA_PASSPHRASE
      ? { recoveryKey }
      : { passphrase: await promptSecret('Passphrase: ', 'CUSTODIA_PASSPHRASE') };
  const archive = await Archive.unlock(vaultDir, unlocker);
  for (const warning of archive.warnings) printNote(`warning: ${warning.message}; run "custodia verify"`);
  for (const entry of archive.strayEntries) printNote(`note: ${entry} in the vault folder is not Custodia's; it was left alone`);
  return archive;
}

/** Runs `work` on an unlocked archive and always locks it (wiping keys) afterwards. */
async function withArchive<T>(work: (archive: Archive) => Promise<T> | T): Promise<T> {
  const archive = await unlockVault();
  try {
    return await work(archive);
  } finally {
    archive.lock();
  }
}

/** `--allow-weak-passphrase`: the user insists on a passphrase rated guessable; said here, recorded in the custody log. */
function weakPassphraseOverride(): boolean {
  if (options['allow-weak-passphrase'])
    printNote('warning: --allow-weak-passphrase: a guessable passphrase will be accepted and this is recorded in the custody log');
  return options['allow-weak-passphrase'];
}

function requireArg(value: string | undefined, what: string): string {
  if (!value) throw new ArchiveError('validation', `missing ${what} (see custodia --help)`);
  return value;
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async init([dir]) {
    const target = path.resolve(requireArg(dir ?? options.vault, 'DIR'));
    const passphrase = parseInput(Passphrase, await promptNewSecret('New passphrase: ', 'CUSTODIA_PASSPHRASE'));
    const { archive, recoveryKey } = await Archive.create(target, passphrase, { allowWeakPassphrase: weakPassphraseOverride() });
    archive.lock();
    if (options.json) return printJson({ vault: target, recoveryKey });
    print(`Created a vault in ${target}`);
    print('');
    print('Recovery key (print it or write it down and keep it apart from this computer;');
    print('it opens the vault if the passphrase is lost, and is shown only now):');
    print('');
    print(`  ${recoveryKey}`);
  },

  async demo([dir]) {
    const target = path.resolve(requireArg(dir, 'DIR'));
    const passphrase = parseInput(Passphrase, process.env.CUSTODIA_PASSPHRASE ?? DEMO_PASSPHRASE);
    const summary = await buildDemoVault(target, passphrase);
    if (options.json) return printJson({ vault: target, ...summary, passphrase: process.env.CUSTODIA_PASSPHRASE ? undefined : passphrase });
    print(`Created a demo vault of invented cases in ${target}: ${summary.cases} cases, ${summary.items} items.`);
    print(process.env.CUSTODIA_PASSPHRASE ? 'It opens with your CUSTODIA_PASSPHRASE.' : `Its passphrase is "${DEMO_PASSPHRASE}".`);
    print(`Try: custodia --vault ${JSON.stringify(target)} case list`);
  },

  async unlock() {
    const summary = await withArchive((archive) => ({ vault: vaultDir, vaultId: archive.vaultId, cases: archive.listCases().length }));
    if (options.json) return printJson({ ok: true, ...summary });
    print(`The vault in ${vaultDir} unlocks (${summary.cases} cases).`);
  },

  async passwd() {
    await withArchive(async (archive) => {
      const next = parseInput(Passphrase, await promptNewSecret('New passphrase: ', 'CUSTODIA_NEW_PASSPHRASE'));
      await archive.changePassphrase(next, { allowWeakPassphrase: weakPassphraseOverride() });
    });
    if (options.json) return printJson({ ok: true });
    print('Passphrase changed. The old passphrase no longer opens the vault.');
  },

  async 'recovery-key'() {
    const recoveryKey = await withArchive((archive) => archive.newRecoveryKey());
    if (options.json) return printJson({ recoveryKey });
    print('New recovery key (the previous one no longer works):');
    print(`  ${recoveryKey}`);
  },

  ...recordCommands({ options, withArchive, print, printJson, requireArg }),
  ...itemCommands({ options, withArchive, print, printJson, requireArg }),

  async search([query]) {
    const text = requireArg(query, 'QUERY');
    const filters = dropUndefined({
      status: options.status,
      article: options.article,
      region: options.region,
      role: options.role,
      itemType: options.type,
      dateFrom: options.from,
      dateTo: options.to,
    });
    const request = dropUndefined({ query: text, kinds: options.kind, filters: Object.keys(filters).length ? filters : undefined });
    const hits = await withArchive((archive) => archive.searchAll(request));
    if (options.json) return printJson(hits);
    if (hits.length === 0) return print(`Nothing found for "${text}".`);
    for (const hit of hits) {
      print(`${hit.kind.padEnd(6)} ${hit.id}  ${hit.title}`);
      print(`         ${hit.snippet}`, { emphasis: true });
    }
  },

  async identity() {
    const { publicKey, receivingKey, pdfCertificate } = await withArchive(async (archive) => ({
      publicKey: archive.publicKey,
      receivingKey: archive.receivingPublicKey,
      pdfCertificate: (await archive.pdfCertificateFingerprint()).toUpperCase().match(/.{2}/g)!.join(':'),
    }));
    const fingerprintOf = (key: string) =>
      createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex').slice(0, 32).match(/.{4}/g)!.join(' ');
    const fingerprint = fingerprintOf(publicKey);
    const receivingFingerprint = fingerprintOf(receivingKey);
    if (options.json) return printJson({ signingKey: publicKey, fingerprint, receivingKey, receivingFingerprint, pdfCertificate });
    print(`Ed25519 signing key (custody log, checkpoints): ${publicKey}`);
    print(`Fingerprint: ${fingerprint}`);
    print(`X25519 receiving key (others encrypt packages to it: custodia export-package --to KEY): ${receivingKey}`);
    print(`Receiving fingerprint: ${receivingFingerprint}`);
    print(`PDF signature certificate of dossiers (SHA-256, as openssl x509 -fingerprint prints it): ${pdfCertificate}`);
  },

  async log([sub]) {
    if (sub === 'export') {
      const out = requireArg(options.out, '--out FILE');
      const result = await withArchive((archive) => archive.exportLog(out));
      if (options.json) return printJson({ file: path.resolve(out), events: result.events, checkpoint: result.checkpoint });
      print(`Wrote ${result.events} events and a checkpoint signed at event ${result.checkpoint.seq} to ${path.resolve(out)}`);
      return;
    }
    if (sub !== undefined) throw new ArchiveError('validation', `unknown command "log ${sub}" (see custodia --help)`);
    const events = await withArchive((archive) => archive.custodyEvents(options.item?.[0]));
    if (options.json) return printJson(events);
    for (const event of events) {
      const subject = event.subject.id ? `${event.subject.kind} ${event.subject.id}` : event.subject.kind;
      print(
        `${String(event.seq).padStart(6)}  ${event.time}  ${event.action.padEnd(16)} ${subject}  ${event.actor}  ${JSON.stringify(event.details)}`,
      );
    }
  },

  ...integrityCommands({ options, withArchive, print, printJson, requireArg }),
  ...dossierCommands({ options, withArchive, print, printJson, requireArg }),
  ...quarantineCommands({ options, withArchive, print, printJson, requireArg }),
  ...replicaCommands({ options, withArchive, print, printJson, requireArg }),

  async serve() {
    const { startBridge } = await import('../serve/server.ts');
    const port = options.port ? Number(options.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ArchiveError('validation', '--port must be a number from 0 to 65535');
    const rendererDir = await ensureRendererBuilt();
    const bridge = await startBridge({ vaultDir, port, rendererDir });
    print(bridge.url);
    process.stderr.write(
      `${oneLine(`Browser mode: open the address above in a browser on this computer. Vault: ${vaultDir}. Ctrl-C stops.`)}\n`,
    );
    const stop = () => void bridge.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
};

/** The flag that sets each engine option an error can name (ArchiveError.option). */
const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  batesPrefix: '--bates-prefix',
  batesStart: '--bates-start',
  language: '--lang',
  out: '--out',
  filter: '--filter',
  cases: '--cases',
  includeConfidential: '--include-confidential',
  case: '--case',
  senderKey: '--key',
  recipient: '--to',
};

function fatal(error: unknown): never {
  const message = isArchiveError(error) ? error.message : error instanceof Error ? error.message : String(error);
  const flag = isArchiveError(error) && error.option ? FLAG_OF_OPTION[error.option] : undefined;
  printNote(flag ? `${message} (${flag})` : message);
  process.exit(exitCodeOf(error));
}

async function main(): Promise<void> {
  const [command, ...rest] = positionals;
  if (options.help || !command) {
    for (const line of USAGE.split('\n')) print(line);
    if (!command && !options.help) process.exitCode = EXIT.usage;
    return;
  }
  const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
  if (!run) throw new ArchiveError('validation', `unknown command "${command}" (see custodia --help)`);
  await run(rest);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`custodia item cat ID | head`) is not an error worth a message.
  if (error.code === 'EPIPE') process.exit(0);
  fatal(error);
});

main().catch(fatal);
