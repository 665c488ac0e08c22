// Issue #17, points 11 and 12: what the engine itself enforces about unlocking, whatever the
// front end does. A guessable passphrase is refused by init, passwd and vault.create (the CLI may
// insist, and the custody log records it); an unlocked vault locks itself after the idle time
// even when the page keeps polling; each wrong secret makes the next attempt wait longer.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { ArchiveHost } from '../../electron/archive/index.ts';
import { formatRecoveryKey } from '../../electron/archive/vault/recovery-key.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { cliEnv, runCli } from '../helpers/cli-run.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const dir = tempDir('custodia-unlock-');
after(() => rmSync(dir, { recursive: true, force: true }));

const errorOf = (result: { ok: boolean; error?: { kind: string; message: string } }) => (result.ok ? null : result.error!);

test('vault.create, init and passwd refuse "password"; the CLI may insist with --allow-weak-passphrase, and the log says so', async () => {
  const host = new ArchiveHost(path.join(dir, 'bridge-vault'));
  const refused = errorOf((await host.call('vault.create', { passphrase: 'password' })) as never);
  assert.equal(refused?.kind, 'validation');
  assert.match(refused!.message, /too easy to guess/);
  assert.equal(
    (await host.call('vault.status', {})).ok && ((await host.call('vault.status', {})) as { value: { state: string } }).value.state,
    'missing',
  );

  const vault = path.join(dir, 'cli-vault');
  const env = cliEnv(dir, vault, { CUSTODIA_PASSPHRASE: 'password' });
  const init = runCli(['init', vault], env);
  assert.equal(init.status, EXIT.usage);
  assert.match(init.stderr, /too easy to guess/);
  const insisted = runCli(['init', vault, '--allow-weak-passphrase'], env);
  assert.equal(insisted.status, 0, insisted.stderr);
  assert.match(insisted.stderr, /--allow-weak-passphrase/);
  const log = JSON.parse(runCli(['--json', 'log'], env).stdout) as Array<{ action: string; details: Record<string, unknown> }>;
  assert.equal(log[0]!.details.weakPassphraseAccepted, true);

  const passwd = runCli(['passwd'], { ...env, CUSTODIA_NEW_PASSPHRASE: 'password1' });
  assert.equal(passwd.status, EXIT.usage);
  assert.match(passwd.stderr, /too easy to guess/);
  assert.equal(runCli(['unlock'], env).status, 0, 'the refused change changed nothing');
});

test('the engine locks an idle vault by itself, although the page keeps polling its status', async () => {
  const host = new ArchiveHost(path.join(dir, 'idle-vault'), { idleLockMs: 1500 });
  assert.equal((await host.call('vault.create', { passphrase: PASSPHRASE })).ok, true);
  const state = async () => ((await host.call('vault.status', {})) as { value: { state: string } }).value.state;
  assert.equal(await state(), 'unlocked');
  // Activity keeps it open: a real request every 500 ms for 3 s.
  for (let i = 0; i < 6; i++) {
    assert.equal((await host.call('cases.list', {})).ok, true, `request ${i} found the vault open`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const started = Date.now();
  let locked = false;
  for (let polls = 0; polls < 100 && Date.now() - started < 10_000; polls++) {
    if ((await state()) === 'locked') {
      locked = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(locked, 'the vault locked itself while only status polls came in');
  assert.ok(Date.now() - started >= 900, 'not before the idle time');
  assert.equal(errorOf((await host.call('cases.list', {})) as never)?.kind, 'locked');
  assert.deepEqual(await host.call('vault.idleLock', { seconds: 30 }).then((r) => r.ok), false, 'below a minute is refused');
});

test('each wrong passphrase or recovery key makes the next attempt wait longer; the right one resets it', async () => {
  const host = new ArchiveHost(path.join(dir, 'guessed-vault'));
  assert.equal((await host.call('vault.create', { passphrase: PASSPHRASE })).ok, true);
  await host.call('vault.lock', {});
  // Wrong recovery keys cost no Argon2id, so what is timed here is the delay alone.
  const wrongKey = () => ({ recoveryKey: formatRecoveryKey(randomBytes(32)) });
  const timed = async (secret: object) => {
    const started = performance.now();
    const result = await host.call('vault.unlock', secret);
    return { ms: performance.now() - started, kind: errorOf(result as never)?.kind ?? 'ok' };
  };
  const attempts = [await timed(wrongKey()), await timed(wrongKey()), await timed(wrongKey())];
  for (const attempt of attempts) assert.equal(attempt.kind, 'wrong-passphrase');
  assert.ok(attempts[0]!.ms < 900, `the first attempt is not delayed (${attempts[0]!.ms} ms)`);
  assert.ok(attempts[1]!.ms >= 950, `the second waits about 1 s (${attempts[1]!.ms} ms)`);
  assert.ok(attempts[2]!.ms >= 1950, `the third about 2 s (${attempts[2]!.ms} ms)`);
  const right = await timed({ passphrase: PASSPHRASE });
  assert.equal(right.kind, 'ok');
  assert.ok(right.ms >= 3950, `the right passphrase after three failures waits about 4 s too (${right.ms} ms)`);
  await host.call('vault.lock', {});
  const afterReset = await timed(wrongKey());
  assert.ok(afterReset.ms < 900, `a success resets the delay (${afterReset.ms} ms)`);
});
