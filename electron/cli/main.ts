import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_DAYS_SETTING } from '../../shared/limits.ts';
import { ByteRange, Passphrase } from '../../shared/schemas.ts';
import {
  Archive,
  ArchiveError,
  buildDemoVault,
  DEMO_PASSPHRASE,
  defaultVaultDir,
  inspectFolder,
  isArchiveError,
  parseInput,
  type BatchImportEntry,
  type ImportProgress,
  type Unlocker,
} from '../archive/index.ts';
import { INTEGRITY_USAGE, integrityCommands } from './integrity-commands.ts';
import { DOSSIER_PARSE_OPTIONS, DOSSIER_USAGE, dossierCommands } from './dossier-commands.ts';
import { confidentialityField, CONFIDENTIALITY_USAGE, narrativeField, RECORD_PARSE_OPTIONS } from './record-flags.ts';
import { REPLICA_PARSE_OPTIONS, REPLICA_USAGE, replicaCommands } from './replica-commands.ts';
import { promptNewSecret, promptSecret } from './prompt.ts';
import { oneLine, printLine, printNote, terminalSafe } from './terminal-safe.ts';
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
  identity                               the vault's public signing key and receiving key, with fingerprints
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

function parseRange(text: string): { start: number; end: number } {
  const match = /^(\d+)-(\d+)$/.exec(text);
  if (!match) throw new ArchiveError('validation', `--range must be START-END in bytes, e.g. 0-1023 (got "${text}")`);
  return parseInput(ByteRange, { start: Number(match[1]), end: Number(match[2]) });
}

async function writeToStdout(chunks: AsyncIterable<Buffer>): Promise<void> {
  for await (const chunk of chunks) {
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
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

  async case([sub, ...rest]) {
    if (sub === 'add') {
      const input = {
        title: requireArg(options.title, '--title'),
        reference: options.reference,
        status: options.status,
        statusSince: options.since,
        region: options.region,
        city: options.city,
        tags: options.tag,
        charges: options.charge?.map(parseCharge),
        ...confidentialityField(options),
        ...narrativeField(options),
      };
      const id = await withArchive((archive) => archive.addCase(dropUndefined(input)));
      return options.json ? printJson({ id }) : print(id);
    }
    if (sub === 'status') {
      const id = requireArg(rest[0], 'case ID');
      await withArchive((archive) =>
        archive.setCaseStatus(
          id,
          dropUndefined({ status: requireArg(options.status, '--status'), statusSince: options.since, statusOther: options.other }),
        ),
      );
      return options.json ? printJson({ ok: true }) : print('Status recorded.');
    }
    if (sub === 'list') {
      const cases = await withArchive((archive) => archive.listCases());
      if (options.json) return printJson(cases);
      if (cases.length === 0) return print('No cases yet. Add one with: custodia case add --title TEXT');
      for (const c of cases) print(`${c.id}  ${c.itemCount} items  ${c.title}${c.reference ? `  [${c.reference}]` : ''}`);
      return;
    }
    if (sub === 'show') {
      const id = requireArg(rest[0], 'case ID');
      const detail = await withArchive((archive) => archive.getCase(id));
      if (options.json) return printJson(detail);
      print(`${detail.title}${detail.reference ? `  [${detail.reference}]` : ''}`);
      print(`id ${detail.id}, created ${detail.createdAt}, ${detail.items.length} items`);
      for (const item of detail.items)
        print(`  ${item.id}  ${item.sha256.slice(0, 12)}  ${item.size} B  ${item.mimeType}  ${item.originalName}`);
      return;
    }
    throw new ArchiveError('validation', `unknown command "case ${sub ?? ''}" (see custodia --help)`);
  },

  async item([sub, ...rest]) {
    if (sub === 'import') {
      const caseId = requireArg(options.case, '--case ID');
      if (rest.length === 0) throw new ArchiveError('validation', 'no FILE or folder to import');
      const acquisition =
        options['obtained-from'] || options.method
          ? dropUndefined({
              obtainedFrom: options['obtained-from'],
              method: options.method,
              obtainedAt: options['obtained-at'],
              obtainedBy: options['obtained-by'],
            })
          : undefined;
      const metadata = dropUndefined({
        type: options.type,
        title: options.title,
        documentDate: options['document-date'],
        issuingBody: options['issuing-body'],
        language: options.language,
        ...confidentialityField(options),
      });
      const entries = await withArchive((archive) =>
        archive.importPaths(caseId, rest, {
          metadata,
          acquisition,
          onProgress: batchProgressReporter(),
          onEntry: options.json ? undefined : (entry) => print(describeEntry(entry)),
        }),
      );
      if (options.json) {
        printJson(
          entries.map((e) =>
            e.status === 'failed'
              ? { file: e.file, error: e.reason }
              : { id: e.result.id, sha256: e.result.sha256, file: e.file, ...(e.status === 'duplicate' ? { duplicate: true } : {}) },
          ),
        );
      }
      if (entries.some((e) => e.status === 'failed')) process.exitCode = EXIT.checkFailed;
      return;
    }
    if (sub === 'link' || sub === 'unlink') {
      const input = dropUndefined({ itemId: requireArg(rest[0], 'item ID'), caseId: options.case, personId: options.person?.[0] });
      await withArchive((archive) => (sub === 'link' ? archive.linkItem(input) : archive.unlinkItem(input)));
      return options.json ? printJson({ ok: true }) : print(sub === 'link' ? 'Linked.' : 'Unlinked.');
    }
    if (sub === 'withdraw') {
      const input = { itemId: requireArg(rest[0], 'item ID'), reason: requireArg(options.reason, '--reason TEXT') };
      await withArchive((archive) => archive.withdrawItem(input));
      return options.json ? printJson({ ok: true }) : print('Withdrawn from view; the file, its record and its custody history are kept.');
    }
    if (sub === 'derive') {
      const [originalId, file] = [requireArg(rest[0], 'item ID'), requireArg(rest[1], 'FILE')];
      const metadata = dropUndefined({ type: options.type, title: options.title, language: options.language });
      const result = await withArchive((archive) =>
        archive.deriveItem(originalId, file, requireArg(options.as, '--as redaction|transcript|translation'), { metadata }),
      );
      return options.json ? printJson({ id: result.id, sha256: result.sha256, file }) : print(`${result.id}  ${result.sha256}  ${file}`);
    }
    if (sub === 'show') {
      const id = requireArg(rest[0], 'item ID');
      const item = await withArchive((archive) => {
        const { blob: _blob, ...stored } = archive.getItem(id);
        return { ...stored, custody: archive.custodyEvents(id) };
      });
      if (options.json) return printJson(item);
      print(`${item.title ?? item.originalName}  (${item.type}, ${item.confidentiality})`);
      print(`id ${item.id}  case ${item.caseId}`);
      print(`file ${item.originalName}, ${item.size} bytes, ${item.mimeType}, SHA-256 ${item.sha256}`);
      if (item.documentDate || item.issuingBody) print(`document ${item.documentDate ?? ''} ${item.issuingBody ?? ''}`.trim());
      if (item.acquisition) {
        const a = item.acquisition;
        print(
          `obtained from ${a.obtainedFrom}, ${a.method}${a.obtainedAt ? `, ${a.obtainedAt}` : ''}${a.obtainedBy ? `, by ${a.obtainedBy}` : ''}`,
        );
      }
      for (const event of item.custody) print(`  ${event.seq}  ${event.time}  ${event.action}  ${event.actor}`);
      return;
    }
    if (sub === 'list') {
      const caseId = requireArg(options.case, '--case ID');
      const items = await withArchive((archive) => archive.getCase(caseId, { includeWithdrawn: options.all }).items);
      if (options.json) return printJson(items);
      for (const item of items)
        print(`${item.id}  ${item.sha256.slice(0, 12)}  ${item.type.padEnd(18)} ${item.size} B  ${item.title ?? item.originalName}`);
      return;
    }
    if (sub === 'cat') {
      const id = requireArg(rest[0], 'item ID');
      const range = options.range ? parseRange(options.range) : undefined;
      await withArchive(async (archive) => {
        archive.recordView(id, range ? `custodia item cat --range ${range.start}-${range.end}` : 'custodia item cat');
        await writeToStdout(archive.readItem(id, range?.start, range?.end));
      });
      return;
    }
    if (sub === 'verify') {
      const id = requireArg(rest[0], 'item ID');
      const result = await withArchive((archive) => archive.verifyItem(id));
      if (options.json) printJson({ id, ...result });
      else print(result.ok ? `${id}  OK  ${result.sha256}` : `${id}  MISMATCH  expected ${result.expected}, got ${result.sha256}`);
      if (!result.ok) process.exitCode = EXIT.checkFailed;
      return;
    }
    throw new ArchiveError('validation', `unknown command "item ${sub ?? ''}" (see custodia --help)`);
  },

  async person([sub, ...rest]) {
    if (sub === 'add') {
      const input = dropUndefined({
        name: requireArg(options.name, '--name'),
        aliases: options.alias,
        birthDate: options['birth-date'],
        ...confidentialityField(options),
      });
      const link = options.case ? { caseId: options.case, role: requireArg(options.role, '--role (with --case)') } : undefined;
      const id = await withArchive((archive) => archive.addPerson(input, link));
      return options.json ? printJson({ id }) : print(id);
    }
    if (sub === 'link') {
      const input = {
        caseId: requireArg(options.case, '--case ID'),
        personId: requireArg(options.person?.[0], '--person ID'),
        role: requireArg(options.role, '--role ROLE'),
      };
      await withArchive((archive) => archive.linkPerson(input));
      return options.json ? printJson({ ok: true }) : print('Linked.');
    }
    if (sub === 'show') {
      const id = requireArg(rest[0], 'person ID');
      const person = await withArchive((archive) => archive.getPerson(id));
      if (options.json) return printJson(person);
      print(`${person.name}${person.aliases.length ? `  (also ${person.aliases.join(', ')})` : ''}`);
      for (const c of person.cases) print(`  ${c.role} in ${c.title}  [${c.caseId}]`);
      return;
    }
    throw new ArchiveError('validation', `unknown command "person ${sub ?? ''}" (see custodia --help)`);
  },

  async event([sub]) {
    if (sub !== 'add') throw new ArchiveError('validation', `unknown command "event ${sub ?? ''}" (see custodia --help)`);
    const input = {
      caseId: requireArg(options.case, '--case ID'),
      date: requireArg(options.date, '--date DATE'),
      approximate: options.approximate,
      kind: requireArg(options.kind?.[0], '--kind KIND'),
      description: requireArg(options.description, '--description TEXT'),
      itemIds: options.item ?? [],
      personIds: options.person ?? [],
    };
    const id = await withArchive((archive) => archive.addTimelineEvent(input));
    return options.json ? printJson({ id }) : print(id);
  },

  async poa([sub, ...rest]) {
    if (sub === 'add') {
      const input = dropUndefined({
        caseId: requireArg(options.case, '--case ID'),
        grantorPersonId: requireArg(options.grantor, '--grantor PERSON_ID'),
        representative: requireArg(options.representative, '--representative NAME'),
        scope: options.scope ?? [],
        issued: requireArg(options.issued, '--issued DATE'),
        validUntil: options['valid-until'],
        itemId: options.item?.[0],
      });
      const id = await withArchive((archive) => archive.addPowerOfAttorney(input));
      return options.json ? printJson({ id }) : print(id);
    }
    if (sub === 'revoke') {
      const id = requireArg(rest[0], 'power of attorney ID');
      await withArchive((archive) => archive.revokePowerOfAttorney(id, options.date));
      return options.json ? printJson({ ok: true }) : print('Revoked.');
    }
    if (sub === 'list') {
      const days = options.expiring === undefined ? undefined : Number(options.expiring);
      if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > MAX_DAYS_SETTING))
        throw new ArchiveError('validation', `--expiring takes a number of days (0–${MAX_DAYS_SETTING})`);
      const list = await withArchive((archive) => archive.powersOfAttorney({ expiringWithinDays: days }));
      if (options.json) return printJson(list);
      if (list.length === 0) return print(days === undefined ? 'No powers of attorney.' : `No power of attorney ends within ${days} days.`);
      for (const poa of list) {
        const state = poa.state === 'valid' ? '' : `  ${poa.state.toUpperCase()}`;
        print(
          `${poa.validUntil ?? 'no end date'}  ${poa.grantorName} → ${poa.representative}  (${poa.scope.join(', ')})  ${poa.caseTitle}${state}  [${poa.id}]`,
        );
      }
      return;
    }
    throw new ArchiveError('validation', `unknown command "poa ${sub ?? ''}" (see custodia --help)`);
  },

  async source([sub]) {
    if (sub !== 'add') throw new ArchiveError('validation', `unknown command "source ${sub ?? ''}" (see custodia --help)`);
    const input = dropUndefined({
      caseId: requireArg(options.case, '--case ID'),
      url: requireArg(options.url, '--url URL'),
      title: requireArg(options.title, '--title TEXT'),
      publisher: options.publisher,
      accessedAt: requireArg(options.accessed, '--accessed DATE'),
      archivedItemId: options.item?.[0],
    });
    const id = await withArchive((archive) => archive.addSource(input));
    return options.json ? printJson({ id }) : print(id);
  },

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
    const { publicKey, receivingKey } = await withArchive((archive) => ({
      publicKey: archive.publicKey,
      receivingKey: archive.receivingPublicKey,
    }));
    const fingerprintOf = (key: string) =>
      createHash('sha256').update(Buffer.from(key, 'hex')).digest('hex').slice(0, 32).match(/.{4}/g)!.join(' ');
    const fingerprint = fingerprintOf(publicKey);
    const receivingFingerprint = fingerprintOf(receivingKey);
    if (options.json) return printJson({ signingKey: publicKey, fingerprint, receivingKey, receivingFingerprint });
    print(`Ed25519 signing key (custody log, checkpoints): ${publicKey}`);
    print(`Fingerprint: ${fingerprint}`);
    print(`X25519 receiving key (others encrypt packages to it: custodia export-package --to KEY): ${receivingKey}`);
    print(`Receiving fingerprint: ${receivingFingerprint}`);
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
  ...dossierCommands({ options, withArchive, print, printJson }),
  ...quarantineCommands({ options, withArchive, print, printJson }),
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

/** `--charge 272` or `--charge 272:2` (article, part) or `--charge "272:2:participation in mass disorder"`. */
function parseCharge(text: string): { article: string; part?: string; title?: string } {
  const [article = '', part, ...title] = text.split(':');
  return dropUndefined({ article, part: part || undefined, title: title.length ? title.join(':') : undefined });
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function describeEntry(entry: BatchImportEntry): string {
  if (entry.status === 'failed') return `FAILED  ${entry.file}: ${entry.reason}`;
  return `${entry.result.id}  ${entry.result.sha256}  ${entry.file}${entry.status === 'duplicate' ? '  (already in this case)' : ''}`;
}

function batchProgressReporter(): ((progress: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY || options.json) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.fileBytes < p.fileSize) return;
    last = now;
    const percent = p.totalBytes ? Math.floor((p.doneBytes / p.totalBytes) * 100) : 100;
    process.stderr.write(
      `\r\x1b[2Kfile ${p.fileIndex + 1}/${p.fileCount}  ${percent}% of ${(p.totalBytes / 1e6).toFixed(1)} MB  ${terminalSafe(path.basename(p.file))}`,
    );
    if (p.doneBytes >= p.totalBytes) process.stderr.write('\n');
  };
}

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
