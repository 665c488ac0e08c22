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

test('the renderer channels for a case view answer through the host: case, custody, item, search, powers of attorney', async () => {
  const host = new ArchiveHost(path.join(dir, 'views'));
  assert.equal((await host.call('vault.create', { passphrase: PASSPHRASE })).ok, true);
  const added = await host.call('cases.add', { title: 'Дело Әділбекұлы', status: 'sentenced', charges: [{ article: '272' }] });
  assert.ok(added.ok);
  const caseId = (added.value as { id: string }).id;
  const detail = await host.call('cases.get', { id: caseId });
  assert.ok(detail.ok && (detail.value as { charges: unknown[] }).charges.length === 1);
  const custody = await host.call('cases.custody', { id: caseId });
  assert.deepEqual(custody.ok && (custody.value as Array<{ action: string }>).map((e) => e.action), ['case-created']);
  const hits = await host.call('search.query', { query: 'Адилбекулы' });
  assert.deepEqual(hits.ok && (hits.value as Array<{ id: string }>).map((h) => h.id), [caseId]);
  assert.deepEqual(await host.call('poa.list', { expiringWithinDays: 30 }), { ok: true, value: [] });
  const missing = await host.call('items.get', { id: '00000000-0000-4000-8000-000000000000' });
  assert.deepEqual(missing.ok ? null : missing.error.kind, 'not-found');
  const badSearch = await host.call('search.query', { query: 'x', filters: { status: 'jailed' } });
  assert.match(badSearch.ok ? '' : badSearch.error.message, /filters\.status/);
  host.lock();
});
