// Hostile files and file names through the engine: an empty file, a 1 GiB sparse file (the 5 GB
// one is in tests/bench/sparse-import.ts), and names built to climb out of folders, hide an
// extension, smuggle NUL or control characters, overflow limits, or not be UTF-8 at all. Each is
// imported with its name kept as data, or refused with a clear reason, and the vault verifies.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Archive, ArchiveHost } from '../../electron/archive/index.ts';
import type { Result } from '../../shared/result.ts';
import { PushedBytes } from '../../electron/archive/ingest/pushed-bytes.ts';
import { collect, filesContaining, listFiles, PASSPHRASE, tempDir } from '../helpers/files.ts';

const root = tempDir('custodia-hostile-files-');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** SHA-256 of 2^30 zero bytes (`head -c 1073741824 /dev/zero | sha256sum`). */
const GIB_OF_ZEROS_SHA256 = '49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14';
const SPARSE_SIZE = 1024 ** 3;

let archive: Archive;
let caseId: string;

before(async () => {
  ({ archive } = await Archive.create(path.join(root, 'vault'), PASSPHRASE));
  caseId = archive.addCase({ title: 'Hostile files' });
});

after(() => {
  archive?.lock();
  rmSync(root, { recursive: true, force: true });
});

test('an empty file imports as an empty item with the SHA-256 of nothing, and verifies', async () => {
  const file = path.join(root, 'empty.pdf');
  writeFileSync(file, '');
  const result = await archive.importFile(caseId, file);
  assert.equal(result.size, 0);
  assert.equal(result.sha256, EMPTY_SHA256);
  assert.equal(result.mimeType, 'application/x-empty', 'typed by content: an empty ".pdf" is not a PDF');
  assert.equal((await collect(archive.readItem(result.id))).length, 0);
  assert.deepEqual(await archive.verifyItem(result.id), { ok: true, sha256: EMPTY_SHA256, expected: EMPTY_SHA256 });
  assert.equal(archive.getItem(result.id).extractionError, null);
});

test(`a ${SPARSE_SIZE / 1024 ** 3} GiB sparse file streams in bounded memory`, async (t) => {
  const file = path.join(root, 'sparse.bin');
  writeFileSync(file, '');
  truncateSync(file, SPARSE_SIZE);
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = Date.now();
  let progressCalls = 0;
  const result = await archive.importFile(caseId, file, { onProgress: () => progressCalls++ });
  clearInterval(sampler);
  const ms = Date.now() - started;
  rmSync(file);
  assert.equal(result.size, SPARSE_SIZE);
  assert.equal(result.sha256, GIB_OF_ZEROS_SHA256);
  assert.equal(result.mimeType, 'application/octet-stream');
  assert.ok(progressCalls > 10, 'a long import reports progress');
  const growthMB = (peakRss - rssBefore) / 1e6;
  assert.ok(growthMB < 256, `RSS grew by ${growthMB.toFixed(0)} MB while importing ${SPARSE_SIZE} bytes: not streaming`);
  // The last bytes decrypt (a ranged read, so the test does not pay for a second full pass).
  assert.deepEqual(await collect(archive.readItem(result.id, SPARSE_SIZE - 16, SPARSE_SIZE - 1)), Buffer.alloc(16));
  t.diagnostic(
    JSON.stringify({ bytes: SPARSE_SIZE, ms, mbPerSecond: Math.round(SPARSE_SIZE / 1e6 / (ms / 1000)), rssGrowthMB: Math.round(growthMB) }),
  );
});

async function value<T>(promise: Promise<Result<unknown>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

test('upload names: ../, absolute paths, right-to-left overrides and markup are kept verbatim as data; NUL, control characters, 256+ characters and broken UTF-16 are refused', async () => {
  const host = new ArchiveHost(path.join(root, 'upload-vault'));
  await value(host.call('vault.create', { passphrase: PASSPHRASE }));
  const { id: uploadCase } = await value<{ id: string }>(host.call('cases.add', { title: 'Upload names' }));
  const outsideVaults = () =>
    listFiles(root).filter(
      (file) => ![path.join(root, 'vault'), path.join(root, 'upload-vault')].some((dir) => file.startsWith(dir + path.sep)),
    );
  const before = outsideVaults();
  const upload = async (name: string, content: Buffer) => {
    const { uploadId } = await value<{ uploadId: string }>(host.call('imports.begin', { caseId: uploadCase, name, size: content.length }));
    if (content.length > 0) await value(host.call('imports.chunk', { uploadId, offset: 0, bytes: Buffer.from(content) }));
    return value<{ itemId: string; mimeType: string }>(host.call('imports.finish', { uploadId }));
  };
  const accepted = [
    '../../../../etc/passwd',
    '..\\..\\Windows\\System32\\drivers\\etc\\hosts',
    '/etc/shadow',
    'C:\\evidence.pdf',
    'invoice\u202Efdp.exe',
    '"><img src=x onerror=alert(1)>.pdf',
    '%2e%2e%2fescape.pdf',
    'ж'.repeat(255),
    '.',
    '..',
  ];
  const mz = Buffer.from('MZ\x90\x00 an executable dressed as a PDF', 'latin1');
  for (const [i, name] of accepted.entries()) {
    const outcome = await upload(name, Buffer.concat([mz, Buffer.from(String(i))]));
    const item = await value<{ originalName: string; mimeType: string }>(host.call('items.get', { id: outcome.itemId }));
    assert.equal(item.originalName, name, 'the original name is stored exactly as given');
    assert.equal(item.mimeType, 'application/x-msdownload', `${JSON.stringify(name)}: typed by content, not by the name`);
  }
  const refused: Array<[string, RegExp]> = [
    ['evil\u0000.pdf', /control characters/],
    ['a\u0007b.pdf', /control characters/],
    ['\u001b]0;pwned\u0007.pdf', /control characters/],
    ['line\nbreak.pdf', /control characters/],
    ['del\u007f.pdf', /control characters/],
    ['csi\u009b31m.pdf', /control characters/],
    ['x'.repeat(300), /at most 255 characters/],
    ['ж'.repeat(256), /at most 255 characters/],
    ['\ud800lone-surrogate.pdf', /well-formed/],
    ['', /must not be empty/],
  ];
  const itemsBefore = (await value<{ items: unknown[] }>(host.call('cases.get', { id: uploadCase }))).items.length;
  const eventsBefore = (await value<unknown[]>(host.call('cases.custody', { id: uploadCase }))).length;
  for (const [name, reason] of refused) {
    const answer = await host.call('imports.begin', { caseId: uploadCase, name, size: 4 });
    assert.equal(answer.ok, false, JSON.stringify(name));
    assert.equal(!answer.ok && answer.error.kind, 'validation');
    assert.match(!answer.ok ? answer.error.message : '', new RegExp(`^name: .*${reason.source}`), JSON.stringify(name));
  }
  assert.equal((await value<{ items: unknown[] }>(host.call('cases.get', { id: uploadCase }))).items.length, itemsBefore);
  assert.equal((await value<unknown[]>(host.call('cases.custody', { id: uploadCase }))).length, eventsBefore);
  // No refused begin left an upload open: four more can still start (the bound is four).
  for (let i = 0; i < 4; i++) await value(host.call('imports.begin', { caseId: uploadCase, name: `open-${i}`, size: 1 }));

  // Nothing was written outside the vault, and no name reached the disk in the clear.
  assert.deepEqual(outsideVaults(), before);
  assert.deepEqual(filesContaining(path.join(root, 'upload-vault'), 'onerror=alert'), []);
  assert.deepEqual(filesContaining(path.join(root, 'upload-vault'), 'fdp.exe'), []);
  host.lock();
});

test('names on disk: control characters are kept as data; a name that is not UTF-8 is refused alone, with its bytes; symlinks are not followed', async () => {
  const folder = path.join(root, 'incoming');
  mkdirSync(folder);
  const controlName = 'bell\u0007-escape\u001b[31m-newline\n.txt';
  writeFileSync(path.join(folder, controlName), 'control characters in the name');
  writeFileSync(path.join(folder, 'invoice\u202Efdp.exe'), 'MZ\x90\x00 right-to-left override');
  const notUtf8 = Buffer.concat([Buffer.from(`${folder}/bad-`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('.txt')]);
  writeFileSync(notUtf8, 'a name that is not UTF-8');
  writeFileSync(path.join(root, 'outside.txt'), 'outside the imported folder');
  symlinkSync(path.join(root, 'outside.txt'), path.join(folder, 'link-to-outside.txt'));
  assert.equal(readdirSync(folder).length, 4);

  const entries = await archive.importPaths(caseId, [folder]);
  const byStatus = (status: string) => entries.filter((entry) => entry.status === status);
  assert.equal(byStatus('imported').length, 2, JSON.stringify(entries));
  const refusedEntry = byStatus('failed').find((entry) => !entry.file.includes('link-to-outside'));
  const linkEntry = byStatus('failed').find((entry) => entry.file.includes('link-to-outside'));
  assert.equal(byStatus('failed').length, 2, 'the non-UTF-8 name and the link, each refused alone');
  assert.match(
    refusedEntry!.status === 'failed' ? refusedEntry!.reason : '',
    /not valid UTF-8 \(bytes 6261642dfffec32e747874\).*rename it/,
  );
  assert.match(
    linkEntry?.status === 'failed' ? linkEntry.reason : '',
    /symbolic link \(not followed/,
    'the symlink is named, not followed',
  );

  const names = archive.getCase(caseId).items.map((item) => item.originalName);
  assert.ok(names.includes(controlName), 'the control characters are kept as data');
  assert.ok(names.includes('invoice\u202Efdp.exe'));
  const disguised = archive.getCase(caseId).items.find((item) => item.originalName === 'invoice\u202Efdp.exe')!;
  assert.equal(disguised.mimeType, 'application/x-msdownload');

  // The lossy string form of that name names no file: a clear not-found, not a crash.
  await assert.rejects(archive.importFile(caseId, refusedEntry!.file), { kind: 'not-found', message: /no such file/ });
  // A path with ../ in it is just a path: the stored name is its last component.
  const climbing = await archive.importFile(caseId, path.join(folder, '..', 'incoming', '..', 'outside.txt'));
  assert.equal(archive.getItem(climbing.id).originalName, 'outside.txt');
});

test('after all of it the vault verifies, no name is on disk in the clear, and a bag export keeps every file inside the bag', async () => {
  const report = await archive.verify({ allSignatures: true });
  assert.deepEqual(report.problems, []);
  assert.equal(archive.catalogIntegrity(), 'ok');
  const vault = path.join(root, 'vault');
  assert.deepEqual(filesContaining(vault, 'fdp.exe'), []);
  assert.deepEqual(filesContaining(vault, '-escape'), []);

  const namesCase = archive.addCase({ title: 'Names only' });
  for (const [i, name] of ['../../escape.txt', 'x/../../y.txt', 'invoice\u202Efdp.exe', 'nul\u0000byte.txt'].entries()) {
    // Upload-style origins: the name is data the engine received, not a path it chose.
    const bytes = new PushedBytes(8);
    const done = archive.importSource(namesCase, bytes, { originalName: name, modifiedAt: null, label: name });
    await bytes.push(Buffer.from(`content${i}`.padEnd(8, '.')));
    bytes.end();
    await done;
  }
  const bagsFolder = path.join(root, 'bags');
  mkdirSync(bagsFolder);
  const bag = await archive.exportBag({ out: path.join(bagsFolder, 'names-bag'), caseId: namesCase });
  const bagFiles = listFiles(bagsFolder);
  assert.ok(bagFiles.filter((file) => file.includes(`${path.sep}data${path.sep}`)).length >= 4, bagFiles.join('\n'));
  for (const file of bagFiles) assert.ok(file.startsWith(path.resolve(bag.dir) + path.sep), `${file} is outside the bag`);
  assert.deepEqual(readdirSync(bagsFolder), ['names-bag']);
});

test('the CLI prints a hostile name with its control characters made visible, so evidence cannot drive the terminal', async () => {
  const cliVault = path.join(root, 'cli-vault');
  const { archive: cliArchive } = await Archive.create(cliVault, PASSPHRASE);
  const cliCase = cliArchive.addCase({ title: 'Terminal' });
  // OSC 52 (write the clipboard), a window title, a colour, a carriage return that hides text, 8-bit CSI.
  const name = 'evil\u001b]52;c;cm0gLXJmIH4K\u0007\u001b]0;pwned\u0007\u001b[31m\rsafe\u009b2J.txt';
  const file = path.join(root, name);
  writeFileSync(file, 'terminal');
  await cliArchive.importFile(cliCase, file);
  cliArchive.lock();
  const cli = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/custodia.js', import.meta.url)), 'case', 'show', cliCase], {
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH, HOME: root, CUSTODIA_VAULT: cliVault, CUSTODIA_PASSPHRASE: PASSPHRASE },
  });
  assert.equal(cli.status, 0, cli.stderr);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  assert.doesNotMatch(cli.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no raw control character reaches the terminal');
  assert.match(cli.stdout, /evil\\u001b\]52;c;/, 'the name is shown, its escapes visible');
});
