// `npm test` runs this first: it checks every system tool the suite uses as a real part or as an
// independent checker of what Custodia writes. Where one is missing and this machine can install it
// without asking (root with apt-get: Debian/Ubuntu, CI, containers), it installs it and says so in one
// line. Where it cannot, it stops before any test runs with one sentence naming what is missing and
// the command that installs it. No test skips for a missing tool, so a green run means the whole suite ran.
//
//   node scripts/provision.js           check, and install with apt-get where possible
//   node scripts/provision.js --check   check only (exit 1 and the sentence when something is missing)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The command runs and exits 0 (no shell, bounded in time). */
function runs(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000, windowsHide: true });
  return !result.error && result.status === 0;
}

/** An executable of that name is on PATH (pdfdetach, for one, has no option that exits 0). */
function onPath(name) {
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE').split(';') : [''];
  const folders = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return folders.some((folder) => extensions.some((extension) => existsSync(path.join(folder, name + extension))));
}

/** Debian's own python3 first: a pyenv python3 earlier on PATH does not see python3-nacl. */
function pythonWithNacl() {
  return ['/usr/bin/python3', 'python3', 'python'].some((python) => runs(python, ['-c', 'import nacl.signing']));
}

const CHROMIUM = process.env.CUSTODIA_CHROMIUM ?? '/usr/bin/chromium';
const POPPLER = ['pdftotext', 'pdfdetach', 'pdfimages', 'pdftoppm', 'pdffonts', 'pdfsig'];

/**
 * What the suite uses: `check` says whether it is usable here; `apt`, `brew`, `cask`, `choco` and `pip`
 * name the packages that provide it; `why` is what the tests use it for.
 */
const TOOLS = [
  {
    name: 'chromium',
    check: () => existsSync(CHROMIUM),
    apt: ['chromium'],
    cask: ['chromium'],
    choco: ['chromium'],
    why: 'end-to-end tests (CUSTODIA_CHROMIUM may name another)',
  },
  {
    name: 'qpdf',
    check: () => runs('qpdf', ['--version']),
    apt: ['qpdf'],
    brew: ['qpdf'],
    choco: ['qpdf'],
    why: 'checks dossier structure',
  },
  {
    name: 'poppler',
    check: () => POPPLER.every(onPath),
    apt: ['poppler-utils'],
    brew: ['poppler'],
    choco: ['poppler'],
    why: 'reads dossiers independently',
  },
  {
    name: 'ffmpeg',
    check: () => runs('ffmpeg', ['-version']) && runs('ffprobe', ['-version']),
    apt: ['ffmpeg'],
    brew: ['ffmpeg'],
    choco: ['ffmpeg'],
    why: 'makes test videos and photos',
  },
  {
    name: 'openssl',
    check: () => runs('openssl', ['version']),
    apt: ['openssl'],
    brew: ['openssl'],
    choco: ['openssl'],
    why: 'checks signatures independently',
  },
  {
    name: 'sha256sum',
    check: () => onPath('sha256sum'),
    apt: ['coreutils'],
    brew: ['coreutils'],
    choco: ['git'],
    why: 'checks hashes independently',
  },
  {
    name: 'python3-nacl',
    check: pythonWithNacl,
    apt: ['python3', 'python3-nacl'],
    brew: ['python'],
    choco: ['python'],
    pip: ['pynacl'],
    why: 'checks custody logs independently',
  },
  {
    name: 'syncthing',
    check: () => runs('syncthing', ['--version']),
    apt: ['syncthing'],
    brew: ['syncthing'],
    choco: ['syncthing'],
    why: 'replica tests on 127.0.0.1',
  },
  { name: 'prlimit', check: () => process.platform !== 'linux' || onPath('prlimit'), apt: ['util-linux'], why: 'the core-dump test' },
];

const unique = (list) => [...new Set(list)];
const packagesOf = (tools, field) => unique(tools.flatMap((tool) => tool[field] ?? []));

/** The command line that installs `tools` on this platform, for the sentence shown when we cannot. */
function installCommand(tools) {
  if (process.platform !== 'darwin' && process.platform !== 'win32') {
    return `sudo apt-get install -y ${packagesOf(tools, 'apt').join(' ')}`;
  }
  const steps = [];
  if (process.platform === 'darwin') {
    if (packagesOf(tools, 'brew').length) steps.push(`brew install ${packagesOf(tools, 'brew').join(' ')}`);
    if (packagesOf(tools, 'cask').length) steps.push(`brew install --cask ${packagesOf(tools, 'cask').join(' ')}`);
  } else {
    steps.push(`choco install -y ${packagesOf(tools, 'choco').join(' ')}`);
  }
  if (packagesOf(tools, 'pip').length) steps.push(`python3 -m pip install ${packagesOf(tools, 'pip').join(' ')}`);
  return steps.join(' && ');
}

function canInstallWithApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
}

function aptInstall(tools) {
  const packages = packagesOf(tools, 'apt');
  const reasons = tools.map((tool) => `${tool.name}: ${tool.why}`).join('; ');
  process.stdout.write(`npm test: installing ${packages.join(' ')} with apt-get (${reasons})\n`);
  const options = {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  };
  if (spawnSync('apt-get', ['update', '-qq'], options).status !== 0) return;
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], options);
}

let missing = TOOLS.filter((tool) => !tool.check());
if (missing.length > 0 && !process.argv.includes('--check') && canInstallWithApt()) {
  aptInstall(missing);
  missing = missing.filter((tool) => !tool.check());
}
if (missing.length > 0) {
  const names = missing.map((tool) => tool.name).join(', ');
  process.stderr.write(
    `npm test needs ${names} and cannot install ${missing.length === 1 ? 'it' : 'them'} here; install with: ${installCommand(missing)}\n`,
  );
  process.exit(1);
}
