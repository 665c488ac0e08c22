import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

test('the host rejects unknown channels and bad payloads with a Result, touching nothing', async () => {
  const vault = path.join(dir, 'untouched');
  const host = new ArchiveHost(vault);
  assert.deepEqual(await host.call('vault.destroy', {}), {
    ok: false,
    error: { kind: 'validation', message: 'unknown channel "vault.destroy"' },
  });
  assert.deepEqual(await host.call('__proto__', {}), { ok: false, error: { kind: 'validation', message: 'unknown channel "__proto__"' } });
  const short = await host.call('vault.create', { passphrase: 'short' });
  assert.equal(short.ok, false);
  assert.match(!short.ok ? short.error.message : '', /passphrase: must be at least 8 characters/);
  const extra = await host.call('vault.create', { passphrase: PASSPHRASE, admin: true });
  assert.match(!extra.ok ? extra.error.message : '', /Unrecognized key/);
  assert.equal((await host.call('cases.list', {})).ok, false);
  assert.throws(() => readdirSync(vault), /ENOENT/);
});

test('concurrent calls run one at a time: two creates at once make one vault and one clear refusal', async () => {
  const vault = path.join(dir, 'raced');
  const host = new ArchiveHost(vault);
  const [first, second] = await Promise.all([
    host.call('vault.create', { passphrase: PASSPHRASE }),
    host.call('vault.create', { passphrase: PASSPHRASE }),
  ]);
  assert.equal(first.ok, true);
  assert.deepEqual(second.ok ? null : second.error.kind, 'vault-exists');
  const added = await host.call('cases.add', { title: 'After the race' });
  assert.equal(added.ok, true);
  host.lock();
  assert.deepEqual(await host.call('vault.status', {}), { ok: true, value: { state: 'locked', folder: vault } });
});
