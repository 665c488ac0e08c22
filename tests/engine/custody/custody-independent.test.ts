/**
 * A recipient checks a custody-log export without Custodia: docs/verify-custody-log.py (Python 3 +
 * Debian's python3-nacl) and the sha256sum/openssl recipe of docs/verify-log-independently.md.
 * Both must accept a real export, with Kazakh and Russian text in it, and the script must name
 * every kind of tampering. Missing python3, python3-nacl or openssl fails the test; it never skips.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive } from '../../../electron/archive/index.ts';
import { canonicalJson } from '../../../electron/archive/custody/canonical.ts';
import { checkpointBody, GENESIS_HASH, hashEvent, type Checkpoint, type CustodyEvent } from '../../../electron/archive/custody/log.ts';
import { PASSPHRASE, tempDir } from '../../helpers/files.ts';

const SCRIPT = path.resolve(import.meta.dirname, '../../../docs/verify-custody-log.py');
/** DER SubjectPublicKeyInfo of an Ed25519 key = this prefix ‖ the 32 raw key bytes. */
const ED25519_SPKI_PREFIX = '302a300506032b6570032100';
/** The doc's recipe for the canonical event body (Python standard library only). */
const EVENT_BODY_PY = `
import json, sys
e = json.loads(sys.stdin.buffer.read())
body = {"v": 1, "seq": e["seq"], "time": e["time"], "actor": e["actor"], "action": e["action"],
        "subject": {"kind": e["subject"]["kind"], "id": e["subject"]["id"]}, "details": e["details"], "prev": e["prev"]}
sys.stdout.buffer.write(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
`;
const CHECKPOINT_BODY_PY = `
import json, sys
c = json.loads(sys.stdin.buffer.read())
body = {k: c[k] for k in ("v", "type", "vaultId", "seq", "head", "time")}
sys.stdout.buffer.write(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
`;

type ExportedEvent = CustodyEvent & { type: 'event' };
interface Export {
  header: { publicKey: string; vaultId: string } & Record<string, unknown>;
  events: ExportedEvent[];
  checkpoint: Checkpoint;
}

let dir: string;
let exportFile: string;
let exportText: string;
let genuine: Export;
let vaultPublicKey: string;
let kazakhItem: string;

const lines = (e: Export) => [JSON.stringify(e.header), ...e.events.map((event) => JSON.stringify(event)), JSON.stringify(e.checkpoint)];
const copyOf = (): Export => structuredClone(genuine);
let fileCounter = 0;
function writeExport(content: Export | string[]): string {
  const file = path.join(dir, `tampered-${++fileCounter}.jsonl`);
  writeFileSync(file, `${(Array.isArray(content) ? content : lines(content)).join('\n')}\n`);
  return file;
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { timeout: 60_000, ...options });
  if (result.error) throw result.error;
  return result;
}

let python: string | undefined;
/** Debian's /usr/bin/python3 first: a pyenv python3 earlier on PATH does not see python3-nacl. */
function pythonWithNacl(): string {
  if (python) return python;
  const tried: string[] = [];
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const result = spawnSync(candidate, ['-c', 'import nacl.signing'], { encoding: 'utf8' });
    if (result.status === 0) return (python = candidate);
    tried.push(`${candidate}: ${result.error ? result.error.message : result.stderr.trim().split('\n').pop()}`);
  }
  assert.fail(
    `docs/verify-custody-log.py needs Python 3 with PyNaCl: install the Debian packages python3 and python3-nacl ` +
      `(apt-get install python3 python3-nacl). Tried ${tried.join('; ')}`,
  );
}

function requireOpenssl(): void {
  const result = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (result.status !== 0)
    assert.fail(`the openssl recipe needs OpenSSL 3 on PATH: install the Debian package openssl (${result.error?.message})`);
}

interface ScriptRun {
  status: number | null;
  stdout: string;
  problems: Array<{ kind: string; line: number; event?: number }>;
}

function verifyScript(file: string, ...args: string[]): ScriptRun {
  const result = run(pythonWithNacl(), [SCRIPT, file, ...args], { encoding: 'utf8' });
  const stdout = String(result.stdout);
  const problems = [...stdout.matchAll(/^PROBLEM (\S+) \(line (\d+)(?:, event (\d+))?\): /gm)].map((m) => ({
    kind: m[1]!,
    line: Number(m[2]),
    ...(m[3] ? { event: Number(m[3]) } : {}),
  }));
  return { status: result.status, stdout: `${stdout}${String(result.stderr)}`, problems };
}

const kinds = (r: ScriptRun) => [...new Set(r.problems.map((p) => p.kind))].sort();

function attackerKey(): { privateKey: KeyObject; publicHex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  assert.equal(spki.subarray(0, 12).toString('hex'), ED25519_SPKI_PREFIX);
  return { privateKey, publicHex: spki.subarray(12).toString('hex') };
}

function signedEvent(fields: Omit<CustodyEvent, 'hash' | 'signature'>, privateKey: KeyObject): ExportedEvent {
  const hash = hashEvent(fields);
  return { type: 'event', ...fields, hash, signature: sign(null, Buffer.from(hash, 'hex'), privateKey).toString('hex') };
}

function signedCheckpoint(body: Omit<Checkpoint, 'signature'>, privateKey: KeyObject): Checkpoint {
  const signature = sign(null, Buffer.from(canonicalJson(checkpointBody(body)), 'utf8'), privateKey).toString('hex');
  return { ...body, signature };
}

before(async () => {
  pythonWithNacl();
  dir = tempDir('custodia-independent-');
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE);
  try {
    const caseId = archive.addCase({ title: 'Дело Әділбекұлы', status: 'pre-trial-detention', charges: [{ article: '405', part: '2' }] });
    archive.setCaseStatus(caseId, { status: 'sentenced', statusSince: '2022-11-30' });
    archive.addPerson({ name: 'Әділбекұлы Серік', aliases: ['Адильбекулы Серик'] }, { caseId, role: 'defendant' });
    const files: Array<[string, string]> = [
      ['Қаулы — сот шешімі.txt', 'Маңғыстау облыстық сотының шешімі, 2022 жылғы 30 қараша.'],
      ['ответ прокуратуры.txt', 'Ответ прокуратуры Мангистауской области от 3 февраля 2022 г.'],
      ['📎 приложение «копия».txt', 'Приложение к жалобе: "копия" \\ лист 1\tиз 2'],
    ];
    const ids: string[] = [];
    for (const [name, content] of files) {
      writeFileSync(path.join(dir, name), content);
      const acquisition = {
        obtainedFrom: 'адвокат подзащитного «Құқық»',
        method: 'передано на бумаге, отсканировано "как есть"',
        obtainedBy: 'Серік Ә. (\u007f control kept)',
      };
      // Invalid Unicode (a lone surrogate, e.g. from a broken paste) is refused at the door, so
      // nothing that Python's json.dumps cannot encode ever reaches a signed event.
      await assert.rejects(
        archive.importFile(caseId, path.join(dir, name), { acquisition: { ...acquisition, obtainedBy: 'Серік \ud800' } }),
        /well-formed Unicode/,
      );
      ids.push((await archive.importFile(caseId, path.join(dir, name), ids.length === 0 ? { acquisition } : {})).id);
    }
    kazakhItem = ids[0]!;
    // The same content in a second case: stored once, logged with duplicateOf.
    const appeal = archive.addCase({ title: 'Апелляция' });
    writeFileSync(path.join(dir, 'Қаулы (көшірме).txt'), files[0]![1]);
    await archive.importFile(appeal, path.join(dir, 'Қаулы (көшірме).txt'));
    archive.recordView(kazakhItem, 'test');
    assert.equal((await archive.verifyItem(kazakhItem)).ok, true);
    vaultPublicKey = archive.publicKey;
    exportFile = path.join(dir, 'custody-log.jsonl');
    archive.exportLog(exportFile);
  } finally {
    archive.lock();
  }
  exportText = readFileSync(exportFile, 'utf8');
  const parsed = exportText
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  genuine = {
    header: parsed[0] as Export['header'],
    events: parsed.slice(1, -1) as unknown as ExportedEvent[],
    checkpoint: parsed.at(-1) as unknown as Checkpoint,
  };
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a real export, with Kazakh and Russian text, verifies with the Python script', () => {
  // Non-ASCII is written as itself (UTF-8), not as \u escapes, and is part of what is hashed.
  for (const text of ['Қаулы — сот шешімі.txt', 'ответ прокуратуры.txt', '📎 приложение «копия».txt', 'адвокат подзащитного «Құқық»']) {
    assert.ok(exportText.includes(text), `${text} appears verbatim in the export`);
  }
  assert.ok(!/\\u0[4-9a-f]/i.test(exportText), 'no escaped Cyrillic');
  assert.ok(!exportText.includes('\\ud800'), 'no lone surrogate reached the log');
  const actions = new Set(genuine.events.map((e) => e.action));
  for (const action of [
    'vault-created',
    'case-created',
    'metadata-changed',
    'linked',
    'acquired',
    'imported',
    'viewed',
    'verified',
    'exported',
  ]) {
    assert.ok(actions.has(action as CustodyEvent['action']), `the export has a ${action} event`);
  }
  assert.ok(genuine.events.some((e) => e.action === 'imported' && typeof e.details.duplicateOf === 'string'));
  assert.equal(genuine.header.publicKey, vaultPublicKey);

  const unpinned = verifyScript(exportFile);
  assert.equal(unpinned.status, 0, unpinned.stdout);
  assert.deepEqual(unpinned.problems, []);
  assert.match(unpinned.stdout, new RegExp(`^OK: ${genuine.events.length} events of vault ${genuine.header.vaultId} `, 'm'));
  assert.match(unpinned.stdout, new RegExp(`key in the export's own header: ${vaultPublicKey}`), 'says which key it trusted');

  const pinned = verifyScript(exportFile, '--public-key', vaultPublicKey.toUpperCase());
  assert.equal(pinned.status, 0, pinned.stdout);
  assert.match(pinned.stdout, /\(as given with --public-key\)\.$/m);
  assert.doesNotMatch(pinned.stdout, /no --public-key given/);
});

test('an edited event detail is named as an altered event', () => {
  const tampered = copyOf();
  const event = tampered.events.find((e) => e.action === 'imported' && e.subject.id === kazakhItem)!;
  event.details.originalName = 'Қаулы — сот шешімі (түзетілген).txt';
  const result = verifyScript(writeExport(tampered));
  assert.equal(result.status, 1, result.stdout);
  assert.deepEqual(result.problems, [{ kind: 'event-hash', line: event.seq + 1, event: event.seq }]);
  assert.match(result.stdout, new RegExp(`event ${event.seq} \\(imported\\) was altered`));
  assert.match(result.stdout, /^FAILED: 1 problem\(s\)/m);
});

test('a deleted event line breaks the numbering and the link', () => {
  const tampered = copyOf();
  const index = tampered.events.findIndex((e) => e.action === 'viewed');
  const [deleted] = tampered.events.splice(index, 1);
  const result = verifyScript(writeExport(tampered));
  assert.equal(result.status, 1, result.stdout);
  const next = deleted!.seq + 1;
  assert.deepEqual(result.problems, [
    { kind: 'event-sequence', line: index + 2, event: next },
    { kind: 'event-link', line: index + 2, event: next },
  ]);
  assert.match(result.stdout, new RegExp(`event ${next} follows event ${deleted!.seq - 1}: events are missing`));
});

test('two swapped event lines are named as out of order, each event still intact', () => {
  const tampered = copyOf();
  const index = tampered.events.findIndex((e) => e.action === 'linked');
  const [a, b] = [tampered.events[index]!, tampered.events[index + 1]!];
  tampered.events[index] = b;
  tampered.events[index + 1] = a;
  const result = verifyScript(writeExport(tampered));
  assert.equal(result.status, 1, result.stdout);
  assert.deepEqual(kinds(result), ['event-link', 'event-sequence']);
  assert.match(result.stdout, new RegExp(`event ${a.seq} follows event ${b.seq}: events are out of order`));
});

test('a forged event appended to the chain is named: signed by another key, not covered by the checkpoint', () => {
  const { privateKey } = attackerKey();
  const last = genuine.events.at(-1)!;
  const forged = signedEvent(
    {
      seq: last.seq + 1,
      time: new Date().toISOString(),
      actor: 'intruder@elsewhere',
      action: 'withdrawn',
      subject: { kind: 'item', id: kazakhItem },
      details: { reason: 'изъято' },
      prev: last.hash,
    },
    privateKey,
  );
  assert.equal(forged.hash, hashEvent(forged), 'a well-formed link of the chain');

  const tampered = copyOf();
  tampered.events.push(forged);
  const result = verifyScript(writeExport(tampered));
  assert.equal(result.status, 1, result.stdout);
  assert.deepEqual(result.problems, [
    { kind: 'event-signature', line: forged.seq + 1, event: forged.seq },
    { kind: 'checkpoint-head', line: forged.seq + 2 },
  ]);

  // With a checkpoint forged for the new head too, both signatures give it away.
  tampered.checkpoint = signedCheckpoint({ ...checkpointBody(genuine.checkpoint), seq: forged.seq, head: forged.hash }, privateKey);
  const withCheckpoint = verifyScript(writeExport(tampered));
  assert.equal(withCheckpoint.status, 1, withCheckpoint.stdout);
  assert.deepEqual(withCheckpoint.problems, [
    { kind: 'event-signature', line: forged.seq + 1, event: forged.seq },
    { kind: 'checkpoint-signature', line: forged.seq + 2 },
  ]);
});

test('a checkpoint whose head was altered is named', () => {
  const tampered = copyOf();
  tampered.checkpoint.head = genuine.events.at(-2)!.hash;
  const result = verifyScript(writeExport(tampered));
  assert.equal(result.status, 1, result.stdout);
  assert.deepEqual(kinds(result), ['checkpoint-head', 'checkpoint-signature']);
  assert.match(result.stdout, /history was rewritten/);
});

test('a log cut short is named, with or without its checkpoint', () => {
  const tampered = copyOf();
  tampered.events.pop();
  const withCheckpoint = verifyScript(writeExport(tampered));
  assert.equal(withCheckpoint.status, 1, withCheckpoint.stdout);
  assert.deepEqual(kinds(withCheckpoint), ['checkpoint-head']);
  assert.match(withCheckpoint.stdout, /events were removed/);

  const withoutCheckpoint = verifyScript(writeExport(lines(tampered).slice(0, -1)));
  assert.equal(withoutCheckpoint.status, 1, withoutCheckpoint.stdout);
  assert.deepEqual(kinds(withoutCheckpoint), ['checkpoint-missing']);
});

test('--public-key of another key fails every signature and names the key mismatch', () => {
  const other = attackerKey().publicHex;
  const result = verifyScript(exportFile, '--public-key', other);
  assert.equal(result.status, 1, result.stdout);
  assert.deepEqual(kinds(result), ['checkpoint-signature', 'event-signature', 'public-key']);
  assert.equal(result.problems.filter((p) => p.kind === 'event-signature').length, genuine.events.length);
  assert.match(result.stdout, new RegExp(`the export names the key ${vaultPublicKey}, not the key given with --public-key`));

  const bad = verifyScript(exportFile, '--public-key', 'not-a-key');
  assert.equal(bad.status, 2, bad.stdout);
});

test('a log rewritten and re-signed under another key passes only until the recipient pins the real key', () => {
  const { privateKey, publicHex } = attackerKey();
  const rewritten = copyOf();
  rewritten.header.publicKey = publicHex;
  let prev = GENESIS_HASH;
  rewritten.events = genuine.events.map(({ type: _type, hash: _hash, signature: _signature, ...fields }) => {
    const details = fields.action === 'vault-created' ? { publicKey: publicHex } : fields.details;
    const event = signedEvent({ ...fields, details, prev }, privateKey);
    prev = event.hash;
    return event;
  });
  rewritten.checkpoint = signedCheckpoint({ ...checkpointBody(genuine.checkpoint), head: prev }, privateKey);
  const file = writeExport(rewritten);

  const unpinned = verifyScript(file);
  assert.equal(unpinned.status, 0, unpinned.stdout);
  assert.match(unpinned.stdout, new RegExp(`key in the export's own header: ${publicHex}`), 'the script shows the key it trusted');

  const pinned = verifyScript(file, '--public-key', vaultPublicKey);
  assert.equal(pinned.status, 1, pinned.stdout);
  assert.ok(kinds(pinned).includes('public-key') && kinds(pinned).includes('event-signature'), pinned.stdout);
});

test('the manual recipe: python3 json.dumps + sha256sum recompute a hash, openssl pkeyutl verifies its signature', () => {
  requireOpenssl();
  const event = genuine.events.find((e) => e.action === 'imported' && e.subject.id === kazakhItem)!;
  const line = exportText.split('\n')[event.seq]!;
  assert.equal((JSON.parse(line) as ExportedEvent).hash, event.hash, 'event N is on line N+1');
  const work = path.join(dir, 'by-hand');
  mkdirSync(work);
  const file = (name: string) => path.join(work, name);

  // 1. The canonical body and its SHA-256, with tools that are not Custodia's.
  const body = run(pythonWithNacl(), ['-c', EVENT_BODY_PY], { input: line }).stdout as Buffer;
  assert.ok(body.toString('utf8').includes('"originalName":"Қаулы — сот шешімі.txt"'));
  writeFileSync(file('body.json'), body);
  assert.equal(String(run('sha256sum', [file('body.json')], { encoding: 'utf8' }).stdout).split(' ')[0], event.hash);

  // 3. The DER key from the raw 32 bytes, then Ed25519 over the 32 raw bytes of the hash.
  const der = Buffer.from(ED25519_SPKI_PREFIX + vaultPublicKey, 'hex');
  writeFileSync(file('vault-key.der'), der);
  const described = run('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', file('vault-key.der'), '-noout', '-text'], {
    encoding: 'utf8',
  });
  assert.equal(described.status, 0, String(described.stderr));
  assert.match(String(described.stdout), /ED25519 Public-Key/);
  writeFileSync(file('hash.bin'), Buffer.from(event.hash, 'hex'));
  writeFileSync(file('sig.bin'), Buffer.from(event.signature, 'hex'));
  const pkeyutl = (input: string, signature: string) =>
    run(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', file('vault-key.der'), '-keyform', 'DER', '-rawin', '-in', input, '-sigfile', signature],
      { encoding: 'utf8' },
    );
  const good = pkeyutl(file('hash.bin'), file('sig.bin'));
  assert.equal(good.status, 0, `${String(good.stdout)}${String(good.stderr)}`);
  assert.match(String(good.stdout), /Signature Verified Successfully/);
  // Node agrees on the same DER key: the prefix really makes an Ed25519 SubjectPublicKeyInfo.
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  assert.equal(key.asymmetricKeyType, 'ed25519');
  assert.ok(verify(null, Buffer.from(event.hash, 'hex'), key, Buffer.from(event.signature, 'hex')));

  const flipped = Buffer.from(event.hash, 'hex');
  flipped[0]! ^= 1;
  writeFileSync(file('flipped.bin'), flipped);
  const bad = pkeyutl(file('flipped.bin'), file('sig.bin'));
  assert.equal(bad.status, 1);
  assert.match(String(bad.stdout), /Signature Verification Failure/);

  // 4. The checkpoint: Ed25519 over its canonical JSON itself.
  const checkpointLine = exportText.trimEnd().split('\n').at(-1)!;
  const checkpointJson = run(pythonWithNacl(), ['-c', CHECKPOINT_BODY_PY], { input: checkpointLine }).stdout as Buffer;
  assert.equal(checkpointJson.toString('utf8'), canonicalJson(checkpointBody(genuine.checkpoint)));
  writeFileSync(file('checkpoint.json'), checkpointJson);
  writeFileSync(file('checkpoint.sig'), Buffer.from(genuine.checkpoint.signature, 'hex'));
  const checkpoint = pkeyutl(file('checkpoint.json'), file('checkpoint.sig'));
  assert.equal(checkpoint.status, 0, `${String(checkpoint.stdout)}${String(checkpoint.stderr)}`);
  assert.equal(genuine.checkpoint.head, genuine.events.at(-1)!.hash);
});
