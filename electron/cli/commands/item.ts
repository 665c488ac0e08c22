/** `custodia item …`: importing, reading, checking, linking, withdrawing and deriving evidence. */
import path from 'node:path';
import type { Command } from 'commander';
import { ByteRange, ITEM_TYPES } from '../../../shared/schemas.ts';
import { ArchiveError, parseInput, type BatchImportEntry, type ImportProgress } from '../../archive/index.ts';
import { collect, commandGroup, optionsOf, type CliContext } from '../command-context.ts';
import { EXIT } from '../exit-codes.ts';
import { choices, confidentialityField, confidentialityOption, dropUndefined, type RecordFlags } from '../record-flags.ts';
import { terminalSafe } from '../terminal-safe.ts';

interface ImportOptions extends RecordFlags {
  case?: string;
  type?: string;
  title?: string;
  documentDate?: string;
  issuingBody?: string;
  language?: string;
  obtainedFrom?: string;
  method?: string;
  obtainedAt?: string;
  obtainedBy?: string;
}

export function registerItemCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;
  const group = commandGroup(program, 'item', 'evidence: import, list, show, cat, verify, link, unlink, withdraw, derive');

  confidentialityOption(
    group
      .command('import')
      .description('import files and folders into a case; prints each id and SHA-256 (exit 1 if some failed)')
      .argument('[files...]', 'the files or folders')
      .option('--case <id>', 'the case (required)')
      .option('--type <type>', choices(ITEM_TYPES))
      .option('--title <text>', 'a title')
      .option('--document-date <date>', "the document's date")
      .option('--issuing-body <name>', 'who issued it')
      .option('--language <language>', 'its language')
      .option('--obtained-from <who>', 'who gave it (with --method)')
      .option('--method <how>', 'how it was obtained')
      .option('--obtained-at <date>', 'when')
      .option('--obtained-by <who>', 'by whom'),
    'confidential items stay out of dossiers',
  ).action(async (files: string[], _: unknown, command: Command) => {
    const options = optionsOf<ImportOptions>(command);
    const caseId = requireArg(options.case, '--case ID');
    if (files.length === 0) throw new ArchiveError('validation', 'no FILE or folder to import');
    const acquisition =
      options.obtainedFrom || options.method
        ? dropUndefined({
            obtainedFrom: options.obtainedFrom,
            method: options.method,
            obtainedAt: options.obtainedAt,
            obtainedBy: options.obtainedBy,
          })
        : undefined;
    const metadata = dropUndefined({
      type: options.type,
      title: options.title,
      documentDate: options.documentDate,
      issuingBody: options.issuingBody,
      language: options.language,
      ...confidentialityField(options),
    });
    const json = options.json ?? false;
    const entries = await withArchive((archive) =>
      archive.importPaths(caseId, files, {
        metadata,
        acquisition,
        onProgress: batchProgressReporter(json),
        onEntry: json ? undefined : (entry) => print(describeEntry(entry)),
      }),
    );
    if (json) {
      printJson(
        entries.map((e) =>
          e.status === 'failed'
            ? { file: e.file, error: e.reason }
            : { id: e.result.id, sha256: e.result.sha256, file: e.file, ...(e.status === 'duplicate' ? { duplicate: true } : {}) },
        ),
      );
    }
    if (entries.some((e) => e.status === 'failed')) process.exitCode = EXIT.checkFailed;
  });

  for (const sub of ['link', 'unlink'] as const) {
    group
      .command(sub)
      .description(sub === 'link' ? 'link an item to another case or to a person' : 'undo such a link')
      .argument('[id]', 'the item')
      .option('--case <id>', 'the case')
      .option('--person <id>', 'the person', collect)
      .action(async (itemId: string | undefined, _: unknown, command: Command) => {
        const options = optionsOf<{ case?: string; person?: string[] }>(command);
        const input = dropUndefined({ itemId: requireArg(itemId, 'item ID'), caseId: options.case, personId: options.person?.[0] });
        await withArchive((archive) => (sub === 'link' ? archive.linkItem(input) : archive.unlinkItem(input)));
        return options.json ? printJson({ ok: true }) : print(sub === 'link' ? 'Linked.' : 'Unlinked.');
      });
  }

  group
    .command('withdraw')
    .description('take an item out of the working views; nothing is deleted')
    .argument('[id]', 'the item')
    .option('--reason <text>', 'why (required)')
    .action(async (itemId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ reason?: string }>(command);
      const input = { itemId: requireArg(itemId, 'item ID'), reason: requireArg(options.reason, '--reason TEXT') };
      await withArchive((archive) => archive.withdrawItem(input));
      return options.json ? printJson({ ok: true }) : print('Withdrawn from view; the file, its record and its custody history are kept.');
    });

  group
    .command('derive')
    .description('a new item made from ID (redaction, transcript, translation) and linked to it; ID is never changed')
    .argument('[id]', 'the original item')
    .argument('[file]', 'the derived file')
    .option('--as <kind>', 'redaction, transcript or translation (required)')
    .option('--type <type>', choices(ITEM_TYPES))
    .option('--title <text>', 'a title')
    .option('--language <language>', 'its language')
    .action(async (itemId: string | undefined, derivedFile: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ as?: string; type?: string; title?: string; language?: string }>(command);
      const [originalId, file] = [requireArg(itemId, 'item ID'), requireArg(derivedFile, 'FILE')];
      const metadata = dropUndefined({ type: options.type, title: options.title, language: options.language });
      const result = await withArchive((archive) =>
        archive.deriveItem(originalId, file, requireArg(options.as, '--as redaction|transcript|translation'), { metadata }),
      );
      return options.json ? printJson({ id: result.id, sha256: result.sha256, file }) : print(`${result.id}  ${result.sha256}  ${file}`);
    });

  group
    .command('show')
    .description('an item: its record, file and custody events')
    .argument('[id]', 'the item')
    .action(async (itemId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf(command);
      const id = requireArg(itemId, 'item ID');
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
    });

  group
    .command('list')
    .description("a case's items")
    .option('--case <id>', 'the case (required)')
    .option('--all', 'include items withdrawn from view')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ case?: string; all?: boolean }>(command);
      const caseId = requireArg(options.case, '--case ID');
      const items = await withArchive((archive) => archive.getCase(caseId, { includeWithdrawn: options.all ?? false }).items);
      if (options.json) return printJson(items);
      for (const item of items)
        print(`${item.id}  ${item.sha256.slice(0, 12)}  ${item.type.padEnd(18)} ${item.size} B  ${item.title ?? item.originalName}`);
    });

  group
    .command('cat')
    .description("write an item's bytes to stdout")
    .argument('[id]', 'the item')
    .option('--range <start-end>', 'only bytes START to END (inclusive)')
    .action(async (itemId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf<{ range?: string }>(command);
      const id = requireArg(itemId, 'item ID');
      const range = options.range ? parseRange(options.range) : undefined;
      await withArchive(async (archive) => {
        archive.recordView(id, range ? `custodia item cat --range ${range.start}-${range.end}` : 'custodia item cat');
        await writeToStdout(archive.readItem(id, range?.start, range?.end));
      });
    });

  group
    .command('verify')
    .description('decrypt and re-hash an item (exit 1 on a mismatch)')
    .argument('[id]', 'the item')
    .action(async (itemId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf(command);
      const id = requireArg(itemId, 'item ID');
      const result = await withArchive((archive) => archive.verifyItem(id));
      if (options.json) printJson({ id, ...result });
      else print(result.ok ? `${id}  OK  ${result.sha256}` : `${id}  MISMATCH  expected ${result.expected}, got ${result.sha256}`);
      if (!result.ok) process.exitCode = EXIT.checkFailed;
    });
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

function describeEntry(entry: BatchImportEntry): string {
  if (entry.status === 'failed') return `FAILED  ${entry.file}: ${entry.reason}`;
  return `${entry.result.id}  ${entry.result.sha256}  ${entry.file}${entry.status === 'duplicate' ? '  (already in this case)' : ''}`;
}

/** A progress line on a terminal's stderr while a batch imports (none for --json or a pipe). */
function batchProgressReporter(json: boolean): ((progress: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY || json) return undefined;
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
