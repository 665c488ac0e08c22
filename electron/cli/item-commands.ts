/** `custodia item …`: importing, reading, checking, linking, withdrawing and deriving evidence. */
import type { CommandContext } from './command-context.ts';
import path from 'node:path';
import { ByteRange } from '../../shared/schemas.ts';
import { ArchiveError, parseInput, type BatchImportEntry, type ImportProgress } from '../archive/index.ts';
import { EXIT } from './exit-codes.ts';
import { confidentialityField, dropUndefined, type RecordFlags } from './record-flags.ts';
import { terminalSafe } from './terminal-safe.ts';

export type ItemCliContext = CommandContext<
  RecordFlags & {
    json: boolean;
    all: boolean;
    case?: string;
    person?: string[];
    type?: string;
    title?: string;
    'document-date'?: string;
    'issuing-body'?: string;
    language?: string;
    'obtained-from'?: string;
    method?: string;
    'obtained-at'?: string;
    'obtained-by'?: string;
    reason?: string;
    as?: string;
    range?: string;
  }
>;

export function itemCommands(context: ItemCliContext): Record<string, (args: string[]) => Promise<void>> {
  const { options, withArchive, print, printJson, requireArg } = context;
  return {
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
            onProgress: batchProgressReporter(options.json),
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
        return options.json
          ? printJson({ ok: true })
          : print('Withdrawn from view; the file, its record and its custody history are kept.');
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
  };
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
