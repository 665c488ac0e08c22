import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, ArchiveError, HEADER_FILE } from '../../electron/archive/index.ts';
import { cloneVault, makeTemplateVault, reopen, type TemplateVault } from '../helpers/fault-vault.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';

const PAGE = 4096;
const WAL_HEADER = 32;
const WAL_FRAME = 24 + PAGE;
const dir = tempDir();
let template: TemplateVault;
/** A locked vault with 30 cases and 10 items: everything in catalog.db, no WAL. */
let closed: string;
/** A copy taken while the vault was open (as after a crash): the last changes live only in the WAL. */
let crashed: string;
let closedState: string;
let crashedState: string;
let copies = 0;

/** Everything the catalog says, as one string: what a damaged catalog must never silently change. */
async function readEverything(archive: Archive): Promise<string> {
  const cases = archive.listCases().map((c) => archive.getCase(c.id));
  const items = cases.flatMap((c) => c.items.map((item) => archive.getItem(item.id)));
  const events = archive.custodyEvents().filter((e) => e.action !== 'verified');
  return JSON.stringify({ cases, items, events });
}

before(async () => {
  template = await makeTemplateVault(dir);
  closed = cloneVault(template, path.join(dir, 'closed'));
  const archive = await reopen(closed, template);
  for (let i = 0; i < 30; i++) archive.addCase({ title: `Case ${i}`, narrative: `Detained on ${i} May. `.repeat(60) });
  for (let i = 0; i < 9; i++) {
    await writeRandomFile(path.join(dir, `photo-${i}.jpg`), 5_000 + i);
    await archive.importFile(template.caseId, path.join(dir, `photo-${i}.jpg`));
  }
  closedState = await readEverything(archive);
  archive.lock();
  const working = path.join(dir, 'working');
  cpSync(closed, working, { recursive: true });
  const open = await reopen(working, template);
  for (let i = 0; i < 12; i++) open.addCase({ title: `Later case ${i}`, narrative: 'Appeal lodged. '.repeat(200) });
  crashed = path.join(dir, 'crashed');
  cpSync(working, crashed, { recursive: true });
  crashedState = await readEverything(open);
  open.lock();
});
after(() => rmSync(dir, { recursive: true, force: true }));

function firstDifference(actual: unknown, expected: unknown, at = ''): string {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return '';
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      const found = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at}: ${JSON.stringify(actual)?.slice(0, 120)} instead of ${JSON.stringify(expected)?.slice(0, 120)}`;
}

function damagedCopy(from: string, file: string, offset: number): string {
  const copy = path.join(dir, `damaged-${copies++}`);
  cpSync(from, copy, { recursive: true });
  const bytes = readFileSync(path.join(copy, file));
  bytes[offset]! ^= 0x08;
  writeFileSync(path.join(copy, file), bytes);
  return copy;
}

/**
 * Opens the damaged vault and reads everything. Either it fails with an integrity ArchiveError that
 * names `file` (and only then), or what it reads is exactly what was written: never silently wrong.
 */
async function openAndRead(vault: string, expected: string, file: RegExp): Promise<'detected' | 'integrity_check' | 'unaffected'> {
  let archive: Archive | undefined;
  try {
    archive = await reopen(vault, template);
    const state = await readEverything(archive);
    // A damaged page that no read touched (an index, free space) still shows in SQLite's integrity_check.
    if (state === expected && archive.catalogIntegrity() !== 'ok') {
      // The audit says so too (or refuses to run on the damaged catalog, naming it).
      const report = await archive.verify().catch((error: unknown) => error);
      if (report instanceof ArchiveError) assert.equal(report.kind, 'integrity', report.message);
      else
        assert.ok(
          (report as { problems: Array<{ kind: string }> }).problems.some((p) => p.kind === 'catalog-damaged'),
          'verify names the damage',
        );
      return 'integrity_check';
    }
    if (state !== expected)
      assert.fail(
        `read back something other than what was written, without an error: ${firstDifference(JSON.parse(state), JSON.parse(expected))}`,
      );
    return 'unaffected';
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    assert.ok(error instanceof ArchiveError, `a vague error: ${String(error)}`);
    assert.equal(error.kind, 'integrity', error.message);
    assert.match(error.message, file);
    assert.match(error.message, /damaged/);
    return 'detected';
  } finally {
    try {
      archive?.lock();
    } catch {
      // locking a damaged catalog may fail to write its checkpoint; keys are wiped regardless
    }
  }
}

test('flipped bits in catalog.db pages (every page, in the content and in the nonce/tag area): a precise error naming the catalog, never silently wrong data', async (t) => {
  const pages = statSync(path.join(closed, 'catalog.db')).size / PAGE;
  const outcomes = { detected: 0, integrity_check: 0, unaffected: 0 };
  const offsets: number[] = [];
  for (let page = 0; page < pages; page++) offsets.push(page * PAGE + (page % 2 === 0 ? 700 : PAGE - 20));
  for (const offset of offsets) {
    const outcome = await openAndRead(damagedCopy(closed, 'catalog.db', offset), closedState, /catalog/);
    outcomes[outcome]++;
    rmSync(path.join(dir, `damaged-${copies - 1}`), { recursive: true, force: true });
  }
  t.diagnostic(`${offsets.length} pages flipped: ${JSON.stringify(outcomes)}`);
  assert.equal(outcomes.unaffected, 0, 'every flipped page is caught, by a read or by integrity_check');
  assert.ok(outcomes.detected >= offsets.length / 3, JSON.stringify(outcomes));
});

test('flipped bits in WAL frames (header, frame headers, page data, early, middle, late): a precise error naming the WAL, never lost commits', async (t) => {
  const size = statSync(path.join(crashed, 'catalog.db-wal')).size;
  const frames = Math.floor((size - WAL_HEADER) / WAL_FRAME);
  assert.ok(frames > 20, `the crashed copy holds ${frames} WAL frames`);
  const wal = readFileSync(path.join(crashed, 'catalog.db-wal'));
  const commitFrames = [...Array(frames).keys()].filter((frame) => wal.readUInt32BE(WAL_HEADER + frame * WAL_FRAME + 4) !== 0);
  // A flip in the very last transaction looks exactly like a write torn by a crash, which SQLite
  // rightly drops; earlier frames must be caught. A frame of the second-to-last transaction:
  const lastDetectable = commitFrames.at(-2)! - 1;
  assert.ok(lastDetectable > commitFrames.at(-3)!, 'the second-to-last transaction spans several frames');
  const offsets = [
    5, // WAL header: magic
    20, // WAL header: salt
    ...[0, 1, 3, Math.floor(frames / 3), Math.floor(frames / 2), lastDetectable].flatMap((frame) => [
      WAL_HEADER + frame * WAL_FRAME + 2, // frame header: page number
      WAL_HEADER + frame * WAL_FRAME + 10, // frame header: salt
      WAL_HEADER + frame * WAL_FRAME + 24 + 1000, // page data
    ]),
  ];
  const outcomes = { detected: 0, integrity_check: 0, unaffected: 0 };
  for (const offset of offsets) {
    const outcome = await openAndRead(damagedCopy(crashed, 'catalog.db-wal', offset), crashedState, /catalog\.db-wal|catalog/);
    outcomes[outcome]++;
  }
  t.diagnostic(`${offsets.length} WAL offsets flipped in ${frames} frames (${commitFrames.length} commits): ${JSON.stringify(outcomes)}`);
  assert.equal(outcomes.detected, offsets.length, 'every flip before the last transaction is detected');
});

test('flipped bits in the vault header: refused with a precise error about the header (or, in the slot used, as a wrong secret), never opened', async (t) => {
  const text = readFileSync(path.join(closed, HEADER_FILE), 'utf8');
  const header = JSON.parse(text) as Record<string, Record<string, unknown>>;
  const inside = (needle: string) => text.indexOf(needle) + Math.floor(needle.length / 2);
  const fields: Array<[string, number]> = [
    ['format', inside('"custodia-vault"')],
    ['vaultId', inside(String(header.vaultId))],
    ['passphrase salt', inside(String(header.passphrase!.salt))],
    ['passphrase wrappedKey', inside(String(header.passphrase!.wrappedKey))],
    ['recovery salt', inside(String(header.recovery!.salt))],
    ['recovery nonce', inside(String(header.recovery!.nonce))],
    ['recovery wrappedKey', inside(String(header.recovery!.wrappedKey))],
    ['mac', inside(String(header.mac))],
    ['structure', text.indexOf('{')],
  ];
  const kinds: Record<string, string> = {};
  for (const [field, offset] of fields) {
    const vault = damagedCopy(closed, HEADER_FILE, offset);
    const error = await reopen(vault, template).then(
      (archive) => {
        archive.lock();
        return null;
      },
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ArchiveError, `${field}: opened or failed vaguely: ${String(error)}`);
    kinds[field] = error.kind;
    if (error.kind === 'wrong-passphrase') {
      assert.ok(field.startsWith('recovery'), `${field}: only the slot being unlocked can fail as a wrong secret`);
    } else {
      assert.ok(['integrity', 'foreign-folder'].includes(error.kind), `${field}: ${error.kind}`);
      assert.match(error.message, /header|not a Custodia vault/, field);
    }
  }
  // With the passphrase, a flipped bit in the passphrase slot fails the unwrap; the recovery slot, the MAC.
  const passphraseSlot = await Archive.unlock(damagedCopy(closed, HEADER_FILE, fields[3]![1]), { passphrase: PASSPHRASE }).catch((e) => e);
  assert.ok(passphraseSlot instanceof ArchiveError && ['wrong-passphrase', 'integrity'].includes(passphraseSlot.kind));
  t.diagnostic(`header fields flipped: ${JSON.stringify(kinds)}`);
});

test('no false alarm: a WAL torn inside its last transaction (a crash mid-commit) opens with every earlier commit', async () => {
  const wal = readFileSync(path.join(crashed, 'catalog.db-wal'));
  const frames = Math.floor((wal.length - WAL_HEADER) / WAL_FRAME);
  const commitFrames = [...Array(frames).keys()].filter((frame) => wal.readUInt32BE(WAL_HEADER + frame * WAL_FRAME + 4) !== 0);
  const expected = JSON.parse(crashedState) as { cases: Array<{ title: string }> };
  const withoutLast = JSON.stringify({ ...expected, cases: expected.cases.filter((c) => c.title !== 'Later case 11') });
  // Cut inside the last frame, and (power cut, writes reordered) the last frame written but one before it not.
  const tornAt = WAL_HEADER + commitFrames.at(-1)! * WAL_FRAME + 24 + 2000;
  const torn = damagedCopy(crashed, 'catalog.db-wal', 0);
  writeFileSync(path.join(torn, 'catalog.db-wal'), wal.subarray(0, tornAt));
  const reordered = damagedCopy(crashed, 'catalog.db-wal', WAL_HEADER + (commitFrames.at(-1)! - 1) * WAL_FRAME + 12);
  for (const vault of [torn, reordered]) {
    const archive = await reopen(vault, template);
    try {
      const state = JSON.parse(await readEverything(archive)) as typeof expected & { events: unknown[] };
      assert.equal(JSON.stringify({ ...state, events: undefined }), JSON.stringify({ ...JSON.parse(withoutLast), events: undefined }));
      assert.equal(archive.catalogIntegrity(), 'ok');
    } finally {
      archive.lock();
    }
  }
});
