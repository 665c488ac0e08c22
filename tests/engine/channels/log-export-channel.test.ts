import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';
import { value } from '../../helpers/host-calls.ts';

/** The window's "Export the custody log" (`custodia log export`): to a picked folder only, signed, with its own export recorded. */
const dir = tempDir('custodia-log-export-');
after(() => rmSync(dir, { recursive: true, force: true }));

test('log.export writes the signed log to a picked folder and refuses anything else', async () => {
  const host = new ArchiveHost(path.join(dir, 'vault'), { recentVaultsFile: path.join(dir, 'recent.json') });
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  await value(host.call('cases.add', { title: 'Дело Жанұзақова', status: 'pre-trial-detention' }));
  const out = path.join(dir, 'out');
  mkdirSync(out);
  const { destination } = await host.destinations.grant(out);
  const result = await value<{ file: string; output: string; events: number; checkpointSeq: number }>(
    host.call('log.export', { destination }),
  );
  assert.equal(path.dirname(result.file), out);
  assert.match(path.basename(result.file), /^custody-log-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = readFileSync(result.file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(lines[0]!.type, 'custodia-custody-log');
  assert.match(String(lines[0]!.publicKey), /^[0-9a-f]{64}$/);
  const events = lines.filter((line) => line.type === 'event');
  assert.equal(events.length, result.events);
  assert.ok(
    events.some((event) => event.action === 'exported'),
    'the export itself is in the log',
  );
  const checkpoint = lines.at(-1)!;
  assert.equal(checkpoint.seq, result.checkpointSeq);
  assert.ok(typeof checkpoint.signature === 'string' && checkpoint.signature.length > 0);
  // A second export does not overwrite the first.
  const again = await value<{ file: string }>(host.call('log.export', { destination }));
  assert.notEqual(again.file, result.file);
  const typed = await host.call('log.export', { folder: out });
  assert.equal(typed.ok ? '' : typed.error.kind, 'validation');
  const unknown = await host.call('log.export', { destination: 'A'.repeat(43) });
  assert.match(unknown.ok ? '' : unknown.error.message, /choose the export folder again/);
  host.lock();
});
