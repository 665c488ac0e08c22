// Issue #17, point 2: two processes on one vault. Header changes are serialised by an advisory
// lock file, so a passphrase change and a new recovery key made at the same moment both hold and
// everything printed is what is in force; a live holder is named ("in use by … since …"); the
// lock of a process killed with kill -9 is recovered.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';
import { cliEnv, runCli, runCliAsync } from '../helpers/cli-run.ts';
import { EXIT } from '../../electron/cli/exit-codes.ts';

const HOLDER = fileURLToPath(new URL('../helpers/hold-vault-lock.ts', import.meta.url));
const dir = tempDir('custodia-concurrency-');
const vault = path.join(dir, 'vault');
const env = cliEnv(dir, vault);

before(() => assert.equal(runCli(['init', vault], env).status, 0));
after(() => rmSync(dir, { recursive: true, force: true }));

const unlocks = (secret: { passphrase: string } | { recoveryKey: string }) =>
  runCli(
    ['unlock'],
    'passphrase' in secret
      ? { ...env, CUSTODIA_PASSPHRASE: secret.passphrase }
      : { ...env, CUSTODIA_PASSPHRASE: undefined, CUSTODIA_RECOVERY_KEY: secret.recoveryKey },
  ).status === 0;

test('passwd and recovery-key at the same moment in two processes: both changes hold, the old secrets stop working', async () => {
  let passphrase = PASSPHRASE;
  for (let round = 0; round < 1; round++) {
    const next = `a different passphrase for round ${round}`;
    const [changed, issued] = await Promise.all([
      runCliAsync(['passwd'], { ...env, CUSTODIA_PASSPHRASE: passphrase, CUSTODIA_NEW_PASSPHRASE: next }),
      runCliAsync(['--json', 'recovery-key'], { ...env, CUSTODIA_PASSPHRASE: passphrase }),
    ]);
    assert.equal(changed.status, 0, changed.stderr);
    assert.equal(issued.status, 0, issued.stderr);
    const { recoveryKey } = JSON.parse(issued.stdout) as { recoveryKey: string };
    assert.ok(unlocks({ recoveryKey }), `round ${round}: the printed recovery key opens the vault`);
    assert.ok(unlocks({ passphrase: next }), `round ${round}: the new passphrase opens the vault`);
    assert.ok(!unlocks({ passphrase }), `round ${round}: the old passphrase no longer does`);
    passphrase = next;
  }
  env.CUSTODIA_PASSPHRASE = passphrase;
});

function startHolder(): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, [HOLDER, vault], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the holder did not take the lock')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'locked') {
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}

test('while another process holds the vault, a header change names it and waits no longer than asked; after kill -9 its lock is recovered', async () => {
  const holder = await startHolder();
  const lockFile = path.join(vault, 'vault.lock');
  try {
    const holderInfo = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; since: string };
    assert.equal(holderInfo.pid, holder.pid);
    const started = Date.now();
    const refused = await runCliAsync(['recovery-key'], { ...env, CUSTODIA_LOCK_WAIT_SECONDS: '1' });
    assert.equal(refused.status, EXIT.io);
    assert.equal(refused.stdout, '', 'no recovery key is printed that is not in force');
    assert.match(
      refused.stderr,
      new RegExp(
        `the vault is in use by custodia import-bag \\(test holder\\) \\(process ${holder.pid}\\) since ${holderInfo.since.replace(/\./g, '\\.')}`,
      ),
    );
    assert.ok(Date.now() - started < 60_000);
  } finally {
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
  }
  assert.ok(existsSync(lockFile), 'kill -9 left the lock file behind, as a crash does');
  const issued = await runCliAsync(['--json', 'recovery-key'], { ...env, CUSTODIA_LOCK_WAIT_SECONDS: '0' });
  assert.equal(issued.status, 0, issued.stderr);
  assert.ok(unlocks({ recoveryKey: (JSON.parse(issued.stdout) as { recoveryKey: string }).recoveryKey }));
  assert.ok(!existsSync(lockFile), 'the lock is released after use');
});
