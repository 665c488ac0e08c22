// The replica carried by two real Syncthing instances on 127.0.0.1, then restored on the second
// "machine". Nothing here leaves the loopback interface (see tests/helpers/syncthing.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Archive } from '../../electron/archive/index.ts';
import { restoreReplica } from '../../electron/archive/replica/restore.ts';
import { syncthingStatus } from '../../electron/archive/replica/syncthing.ts';
import { PASSPHRASE, tempDir, writeRandomFile } from '../helpers/files.ts';
import {
  api,
  configure,
  createNode,
  inSync,
  kill,
  start,
  stop,
  syncthingMissing,
  waitFor,
  type SyncthingNode,
} from '../helpers/syncthing.ts';

const missing = syncthingMissing();
const BIN = fileURLToPath(new URL('../../bin/custodia.js', import.meta.url));
const FOLDER = 'custodia-replica';
const root = tempDir('custodia-syncthing-');
const vaultA = path.join(root, 'a-vault');
const replicaA = path.join(root, 'a-replica');
const replicaB = path.join(root, 'b-replica');
let a: SyncthingNode;
let b: SyncthingNode;
let caseId: string;
/** SHA-256 of every file imported into A, by name. */
const imported = new Map<string, string>();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function importIntoA(files: string[]): Promise<void> {
  const vault = await Archive.unlock(vaultA, { passphrase: PASSPHRASE });
  try {
    for (const file of files) {
      await vault.importFile(caseId, file);
      imported.set(path.basename(file), sha(file));
    }
  } finally {
    vault.lock(); // the last flush into the replica happens here
  }
}

/** Restores B's copy, verifies it, and checks every item against the file imported into A. */
async function restoreOnB(name: string) {
  const target = path.join(root, name);
  const report = await restoreReplica(replicaB, target, { passphrase: PASSPHRASE });
  const restored = await Archive.unlock(target, { passphrase: PASSPHRASE });
  try {
    const audit = await restored.verify();
    assert.equal(audit.ok, true, JSON.stringify(audit.problems));
    const items = restored.getCase(caseId).items;
    for (const item of items) assert.equal(item.sha256, imported.get(item.originalName), `${item.originalName} restored with its hash`);
    const original = await Archive.unlock(vaultA, { passphrase: PASSPHRASE });
    const originalLog = original.custodyEvents();
    original.lock();
    const log = restored.custodyEvents();
    assert.deepEqual(log.slice(0, report.seq), originalLog.slice(0, report.seq), 'the restored log is the same signed chain');
    assert.equal(log[report.seq]!.action, 'transferred');
    return { report, items: items.map((i) => i.originalName) };
  } finally {
    restored.lock();
  }
}

function partialDownloads(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.startsWith('.syncthing.')) bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

describe('replica carried by Syncthing', { skip: missing, timeout: 600_000 }, () => {
  before(async () => {
    const { archive } = await Archive.create(vaultA, PASSPHRASE);
    caseId = archive.addCase({ title: 'Жанаозен 2011 — показания' });
    archive.replica.designate(replicaA);
    archive.lock();
    a = await createNode(root, 'laptop');
    b = await createNode(root, 'offsite');
    configure(a, [b], { id: FOLDER, path: replicaA, type: 'sendonly' });
    configure(b, [a], { id: FOLDER, path: replicaB, type: 'receiveonly' }, 3000);
    start(a);
    start(b);
    await waitFor('the two Syncthing instances to connect', async () => {
      const { connections } = (await api(a, '/rest/system/connections')) as {
        connections: Record<string, { connected: boolean; address: string }>;
      };
      const link = connections[b.deviceId];
      return link?.connected ? link.address.startsWith('127.0.0.1') : false;
    });
  });
  after(async () => {
    for (const node of [a, b]) if (node) await stop(node);
    rmSync(root, { recursive: true, force: true });
  });

  test('import into A, wait until B has it, restore on B: every item hash and the log', async () => {
    writeFileSync(path.join(root, 'показания.txt'), 'Показания свидетеля, 16 декабря 2011');
    await writeRandomFile(path.join(root, 'hearing.mp4'), 2_000_000);
    await importIntoA([path.join(root, 'показания.txt'), path.join(root, 'hearing.mp4')]);
    await waitFor('B to hold the whole replica', () => inSync(a, b, FOLDER));
    const status = await syncthingStatus(replicaA, a.home);
    assert.equal(status.available, true, JSON.stringify(status));
    assert.ok(status.available && status.folder.type === 'sendonly');
    assert.deepEqual(status.available && status.devices.map((d) => [d.name, d.connected, d.completion]), [['offsite', true, 100]]);
    const { report, items } = await restoreOnB('b-vault');
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(items.sort(), ['hearing.mp4', 'показания.txt']);
  });

  test('Syncthing and Custodia killed mid-transfer: B still restores the last consistent state', async () => {
    // Custodia killed in the middle of an import: nothing of it reaches the vault or the replica.
    await writeRandomFile(path.join(root, 'interrupted.mp4'), 200_000_000);
    const child = spawn(
      process.execPath,
      [BIN, '--vault', vaultA, 'item', 'import', '--case', caseId, path.join(root, 'interrupted.mp4')],
      {
        env: { ...process.env, CUSTODIA_PASSPHRASE: PASSPHRASE },
        stdio: 'ignore',
      },
    );
    await waitFor('the import to start writing', async () => readdirSync(path.join(vaultA, 'tmp')).length > 0, {
      intervalMs: 50,
      attempts: 600,
      timeoutMs: 60_000,
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // A large new item, carried at 3 MB/s to B (about 20 s): both Syncthings are killed while it is on its way.
    await writeRandomFile(path.join(root, 'verdict-video.mp4'), 60_000_000);
    await importIntoA([path.join(root, 'verdict-video.mp4')]);
    // Syncthing writes a file being received as .syncthing.NAME.tmp beside it (at its full size from the start) and
    // renames it when whole.
    await waitFor('B to be part-way through the new blob', async () => partialDownloads(replicaB) > 1_000_000, {
      intervalMs: 100,
      attempts: 600,
      timeoutMs: 60_000,
    });
    kill(a);
    kill(b);
    const partial = await restoreOnB('b-vault-partial');
    assert.ok(!partial.items.includes('verdict-video.mp4'), 'the item still on its way is not in the restored state');
    assert.ok(!partial.items.includes('interrupted.mp4'));
    assert.ok(partial.report.skipped.length > 0 || partial.report.newerEvents, 'the newer state is named');
    // Once Syncthing runs again, B catches up and restores everything.
    start(a);
    start(b);
    await waitFor('B to catch up', () => inSync(a, b, FOLDER), { attempts: 360, timeoutMs: 180_000 });
    const whole = await restoreOnB('b-vault-whole');
    assert.ok(whole.items.includes('verdict-video.mp4'));
    assert.ok(!existsSync(path.join(replicaB, '.custodia-tmp', 'x')));
    assert.ok(statSync(path.join(replicaB, 'custodia-replica.json')).isFile());
  });
});
