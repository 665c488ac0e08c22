// Vault headers that ask for absurd work or carry fields of the wrong shape are refused before any
// Argon2id runs (tests/engine/vault/vault.test.ts covers 64 GiB memlimit, opslimit 1, short salt,
// recovery nonce and wrappedKey, an extra field, a wrong version, garbage and 10 KB of text).
import assert from 'node:assert/strict';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Archive, ArchiveError, HEADER_FILE } from '../../electron/archive/index.ts';
import { cloneVault, makeTemplateVault, type TemplateVault } from '../helpers/fault-vault.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir();
let template: TemplateVault;
let vault: string;
let original: { passphrase: Record<string, unknown>; recovery: Record<string, unknown> } & Record<string, unknown>;

before(async () => {
  template = await makeTemplateVault(dir);
  vault = cloneVault(template, path.join(dir, 'vault'));
  original = JSON.parse(readFileSync(path.join(vault, HEADER_FILE), 'utf8'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (length: number) => Buffer.alloc(length, 7).toString('base64');
const withPassphrase = (fields: Record<string, unknown>) => ({ ...original, passphrase: { ...original.passphrase, ...fields } });
const withRecovery = (fields: Record<string, unknown>) => ({ ...original, recovery: { ...original.recovery, ...fields } });

/** Unlocks with the passphrase (so Argon2id would run if the header got that far) and times the refusal. */
async function refusedFast(header: unknown, message: RegExp, label: string): Promise<number> {
  writeFileSync(path.join(vault, HEADER_FILE), JSON.stringify(header));
  const started = performance.now();
  const error = await Archive.unlock(vault, { passphrase: PASSPHRASE }).then(
    (archive) => {
      archive.lock();
      return null;
    },
    (caught: unknown) => caught,
  );
  const elapsed = performance.now() - started;
  assert.ok(error instanceof ArchiveError && error.kind === 'integrity', `${label}: ${String(error)}`);
  assert.match(error.message, message, label);
  assert.ok(elapsed < 100, `${label}: refused after ${elapsed.toFixed(0)} ms (Argon2id must not run)`);
  return elapsed;
}

test('absurd Argon2id parameters are refused in under 100 ms: huge, fractional, negative, non-numeric', async (t) => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['opslimit 2^32-1', withPassphrase({ opslimit: 2 ** 32 - 1 }), /passphrase\.opslimit is absurdly high/],
    ['opslimit 21', withPassphrase({ opslimit: 21 }), /passphrase\.opslimit is absurdly high/],
    ['memlimit 2 GiB + 1', withPassphrase({ memlimit: 2 * 1024 ** 3 + 1 }), /passphrase\.memlimit asks for absurd memory/],
    ['memlimit 2^53', withPassphrase({ memlimit: 2 ** 53 }), /passphrase\.memlimit/],
    ['memlimit 1e308', withPassphrase({ memlimit: 1e308 }), /passphrase\.memlimit/],
    ['memlimit fractional', withPassphrase({ memlimit: 268435456.5 }), /passphrase\.memlimit/],
    ['memlimit -1', withPassphrase({ memlimit: -1 }), /passphrase\.memlimit/],
    ['memlimit as text', withPassphrase({ memlimit: '268435456' }), /passphrase\.memlimit/],
    ['opslimit null', withPassphrase({ opslimit: null }), /passphrase\.opslimit/],
    ['kdf argon2i', withPassphrase({ kdf: 'argon2i13' }), /passphrase\.kdf/],
  ];
  const times: string[] = [];
  for (const [label, header, message] of cases) times.push(`${label}: ${(await refusedFast(header, message, label)).toFixed(1)} ms`);
  t.diagnostic(times.join('; '));
});

test('fields of the wrong length or shape are refused in under 100 ms, naming the field', async () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['passphrase nonce 23', withPassphrase({ nonce: bytes(23) }), /passphrase\.nonce must decode to 24 bytes/],
    ['passphrase salt 17', withPassphrase({ salt: bytes(17) }), /passphrase\.salt must decode to 16 bytes/],
    ['passphrase wrappedKey 49', withPassphrase({ wrappedKey: bytes(49) }), /passphrase\.wrappedKey must decode to 48 bytes/],
    ['recovery salt 0', withRecovery({ salt: '' }), /recovery\.salt/],
    ['recovery wrappedKey 32', withRecovery({ wrappedKey: bytes(32) }), /recovery\.wrappedKey must decode to 48 bytes/],
    ['mac 16', { ...original, mac: bytes(16) }, /mac must decode to 32 bytes/],
    ['mac not base64', { ...original, mac: `${'!'.repeat(43)}=` }, /mac must be base64/],
    ['vaultId not a uuid', { ...original, vaultId: 'vault-1' }, /vaultId/],
    ['passphrase slot missing', { ...original, passphrase: undefined }, /passphrase/],
    ['unknown field in a slot', withPassphrase({ pepper: 'x' }), /vault header rejected: passphrase/],
    ['slot as an array', { ...original, recovery: [] }, /recovery/],
  ];
  for (const [label, header, message] of cases) await refusedFast(header, message, label);
});

test('a header file of 2 GB (sparse) is refused from its size alone, in under 100 ms', async () => {
  writeFileSync(path.join(vault, HEADER_FILE), JSON.stringify(original));
  truncateSync(path.join(vault, HEADER_FILE), 2 * 1024 ** 3);
  const started = performance.now();
  await assert.rejects(Archive.unlock(vault, { passphrase: PASSPHRASE }), /vault header is too large to be genuine/);
  assert.ok(performance.now() - started < 100);
  // And the genuine header still opens the vault (with the recovery key, to skip Argon2id).
  writeFileSync(path.join(vault, HEADER_FILE), `${JSON.stringify(original, null, 2)}\n`);
  (await Archive.unlock(vault, { recoveryKey: template.recoveryKey })).lock();
});
