import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../helpers/files.ts';

/**
 * The README's path on a fresh machine, end to end: clone this repository, `npm install` with an empty
 * HOME and an empty npm cache (no user npm config, no node-gyp headers, nothing cached), then `npm start`
 * serves the app and prints its token URL first, and an engine test passes in the clone.
 * What is cloned is this checkout's HEAD: commit before running it locally.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const root = tempDir('custodia-fresh-');
const clone = path.join(root, 'clone');
const home = path.join(root, 'home');
mkdirSync(home);
// A user's shell: no npm settings inherited from the npm that runs this test, nor node:test's child marker.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: home,
  USERPROFILE: home,
  APPDATA: path.join(home, 'AppData'),
  npm_config_cache: path.join(home, 'npm-cache'),
  npm_config_userconfig: path.join(home, '.npmrc'),
  CUSTODIA_VAULT: path.join(home, 'vault'),
  CI: 'true',
};
for (const key of Object.keys(env)) {
  if (key.startsWith('npm_config_') && !['npm_config_cache', 'npm_config_userconfig'].includes(key)) delete env[key];
}
delete env.NODE_TEST_CONTEXT;

/** npm, run by the Node that runs this test when npm started us (npm test), else from PATH. */
function npm(args: string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /\.c?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
}

let server: ChildProcess | undefined;
after(async () => {
  // SIGTERM to npm's process group: scripts/start.js forwards it to the server in its own group.
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (server.exitCode === null) process.kill(-server.pid, 'SIGKILL');
  }
  rmSync(root, { recursive: true, force: true });
});

test(
  'fresh machine: clone, npm install with an empty HOME, npm start serves the app, an engine test passes',
  { timeout: 15 * 60_000 },
  async (t) => {
    await t.test('git clone', () => {
      const cloned = spawnSync('git', ['clone', '--quiet', repo, clone], { encoding: 'utf8' });
      assert.equal(cloned.status, 0, cloned.stderr);
    });

    await t.test('npm install needs no compiler, no user config and nothing outside the npm registry', () => {
      const started = Date.now();
      const [command, args] = npm(['install', '--no-audit', '--no-fund']);
      const install = spawnSync(command, args, { cwd: clone, env, encoding: 'utf8', timeout: 10 * 60_000 });
      assert.equal(install.status, 0, `npm install failed:\n${install.stdout}\n${install.stderr}`);
      assert.doesNotMatch(install.stderr, /gyp/, 'no node-gyp build ran');
      process.stdout.write(`fresh-machine: npm install took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });

    await t.test('npm start builds, falls back to browser mode and prints the token URL before anything else', async () => {
      const [command, args] = npm(['start', '--', '--port', '0']);
      server = spawn(command, args, { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
      let stdout = '';
      let stderr = '';
      server.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const deadline = Date.now() + 5 * 60_000;
      // npm prints its own "> custodia@… start" banner first; the app's first line is the URL.
      const appLines = () => stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('>'));
      while (appLines().length === 0 && Date.now() < deadline && server.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const [first] = appLines();
      assert.match(first ?? '', /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/, `first line: ${first}\nstderr:\n${stderr}`);
      const page = await fetch(first!);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<title>Custodia<\/title>/);
      const withoutToken = await fetch(new URL('/api/vault.status', first!).href, { method: 'POST', body: '{}' });
      assert.equal(withoutToken.status, 403, 'the bridge refuses a request without the token');
    });

    await t.test('an engine test passes in the clone (the native SQLite and libsodium builds load)', () => {
      const vaultTest = findFile(path.join(clone, 'tests'), 'vault.test.ts');
      const [command, args] = npm(['exec', '--', 'node', '--test', '--test-reporter=tap', vaultTest]);
      const run = spawnSync(command, args, { cwd: clone, env, encoding: 'utf8', timeout: 10 * 60_000 });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /# pass [1-9]/);
      assert.match(run.stdout, /# fail 0/);
    });
  },
);

/** The first file of that name under `dir` (the engine tests may live in subfolders). */
function findFile(dir: string, name: string): string {
  const found = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((entry) => path.basename(entry) === name);
  assert.ok(found, `no ${name} under ${dir}`);
  return path.join(dir, found);
}
