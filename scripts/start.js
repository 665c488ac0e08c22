// `npm start`: build, then run the Electron app. Where no Electron binary can be had (none
// installed and none downloadable), say so in one sentence and start browser mode instead
// (`custodia serve`: the same renderer and contract on 127.0.0.1).
//
//   npm start                      build, then Electron (or browser mode as a fallback)
//   npm start -- --browser         build, then browser mode straight away
//   npm start -- --port 8080 ...   further arguments go to `custodia serve` (or to Electron)
//
// Output: the build's output goes to stderr, so in browser mode the first line on stdout is the
// bridge's URL. The vault folder is chosen by the app / the CLI themselves: CUSTODIA_VAULT, else
// <userData>/vault, where userData is the same folder for both (<appData>/Custodia, see
// electron/archive/paths.ts and electron/main/index.ts).
//
// Ctrl-C: the app or the bridge runs in its own process group (POSIX) and gets exactly one
// SIGINT/SIGTERM from here, so it stops cleanly even though the terminal and npm both signal this
// script; a second Ctrl-C more than a second later forces it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_TIMEOUT_MS = 60_000;
const FALLBACK_SENTENCE =
  'The Electron binary is not installed and cannot be downloaded here, so Custodia is starting in browser mode instead.';
const NO_DISPLAY_SENTENCE = 'There is no display for an Electron window here, so Custodia is starting in browser mode instead.';

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The child currently running, and whether it is in its own process group (then we forward signals). */
let current = null;
let interrupted = false;
let firstSignalAt = 0;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    const now = Date.now();
    const child = current;
    if (!child || !child.ownGroup || child.process.exitCode !== null) return;
    if (firstSignalAt === 0) {
      firstSignalAt = now;
      child.process.kill(signal);
    } else if (now - firstSignalAt > 1000) {
      // Asked again after the first one had time to work: stop it now.
      child.process.kill('SIGKILL');
    }
  });
}

/** Node 22.18+ (type stripping) for the .ts CLI: this one, or the one `npm install` put in node_modules. */
function nodeForTypeScript() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 18)) return process.execPath;
  const bundled = path.join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  return existsSync(bundled) ? bundled : process.execPath;
}

/**
 * Runs a command to completion; resolves with { code, signal, timedOut, output }.
 * `ownGroup` puts it in its own process group (POSIX only) so terminal signals reach it only via us.
 */
function run(command, args, { stdio = 'inherit', ownGroup = false, timeoutMs = 0, env = process.env } = {}) {
  return new Promise((resolve) => {
    const detached = ownGroup && process.platform !== 'win32';
    let child;
    try {
      child = spawn(command, args, { cwd: root, stdio, env, detached, windowsHide: true });
    } catch (error) {
      resolve({ code: null, signal: null, timedOut: false, output: '', error });
      return;
    }
    current = { process: child, ownGroup: detached };
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, timeoutMs)
        : null;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      current = null;
      resolve({ code: null, signal: null, timedOut, output, error });
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      current = null;
      resolve({ code, signal, timedOut, output });
    });
  });
}

function exitLike(result) {
  if (result.signal) process.exit(128 + (SIGNAL_NUMBERS[result.signal] ?? 1));
  process.exit(result.code ?? 1);
}

/** `npm run <script>` with the npm that started us when there is one. */
function npmRun(script) {
  const npmCli = process.env.npm_execpath;
  // Build output goes to stderr so that stdout carries only what the app or bridge prints.
  const options = { stdio: ['ignore', 2, 2] };
  if (npmCli && /\.c?js$/.test(npmCli)) return run(process.execPath, [npmCli, 'run', '--silent', script], options);
  if (process.platform === 'win32') return run(process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `npm run --silent ${script}`], options);
  return run('npm', ['run', '--silent', script], options);
}

/** The electron package folder, without loading its index.js (which would try to download). */
function electronPackageDir() {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The Electron executable if it is really there (path.txt written by install.js, and the file it names). */
function electronBinary(dir) {
  if (!dir) return null;
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(dir, 'dist');
  const executable = path.join(distDir, relative);
  return existsSync(executable) ? executable : null;
}

/** One bounded attempt at Electron's own download (node_modules/electron/install.js). */
async function tryInstallElectron(dir) {
  const installer = dir && path.join(dir, 'install.js');
  if (!installer || !existsSync(installer)) return null;
  const slow = setTimeout(() => {
    process.stderr.write(`Fetching the Electron binary (giving up after ${INSTALL_TIMEOUT_MS / 1000} s)…\n`);
  }, 5000);
  const result = await run(nodeForTypeScript(), [installer], { stdio: ['ignore', 'pipe', 'pipe'], timeoutMs: INSTALL_TIMEOUT_MS });
  clearTimeout(slow);
  if (process.env.CUSTODIA_DEBUG && result.output) process.stderr.write(result.output);
  return electronBinary(dir);
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function startElectron(executable, args) {
  if (interrupted) exitLike({ code: 130, signal: null });
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would make the binary behave as plain Node
  const result = await run(executable, ['.', ...args], { ownGroup: true, env });
  if (result.error) {
    process.stderr.write(`Custodia: could not start Electron (${result.error.message}).\n`);
    process.exit(1);
  }
  exitLike(result);
}

async function startBrowserMode(args) {
  if (interrupted) exitLike({ code: 130, signal: null });
  const cli = path.join(root, 'electron', 'cli', 'main.ts');
  if (!existsSync(cli)) {
    process.stderr.write(`Custodia: browser mode is not available (${path.relative(root, cli)} is missing).\n`);
    process.exit(1);
  }
  const result = await run(nodeForTypeScript(), [cli, 'serve', ...args], { ownGroup: true });
  if (result.error) {
    process.stderr.write(`Custodia: could not start browser mode (${result.error.message}).\n`);
    process.exit(1);
  }
  exitLike(result);
}

async function main() {
  const args = process.argv.slice(2);
  const browserOnly = args.includes('--browser');
  const passThrough = args.filter((arg) => arg !== '--browser');

  const build = await npmRun('build');
  if (interrupted) exitLike({ code: 130, signal: null });
  if (build.code !== 0) {
    process.stderr.write(`Custodia: the build failed${build.error ? ` (${build.error.message})` : ''}; see the output above.\n`);
    exitLike(build);
  }

  if (browserOnly) return startBrowserMode(passThrough);

  const dir = electronPackageDir();
  let executable = electronBinary(dir);
  if (!executable) {
    executable = await tryInstallElectron(dir);
    if (interrupted) exitLike({ code: 130, signal: null });
  }
  if (!executable) {
    process.stderr.write(`${FALLBACK_SENTENCE}\n`);
    return startBrowserMode(passThrough);
  }
  if (!hasDisplay()) {
    process.stderr.write(`${NO_DISPLAY_SENTENCE}\n`);
    return startBrowserMode(passThrough);
  }
  return startElectron(executable, passThrough);
}

main().catch((error) => {
  process.stderr.write(`Custodia: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
