import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { tempDir } from '../helpers/files.ts';

/**
 * `npm test` first runs scripts/provision.js. Here it runs as a developer's machine would see it: with
 * every tool, it says nothing; with one missing where it cannot install (not root, or no apt-get), it
 * stops before any test with one sentence naming the tool and the command that installs it.
 */
const script = path.resolve(import.meta.dirname, '../../scripts/provision.js');
const root = tempDir('custodia-provision-');
after(() => rmSync(root, { recursive: true, force: true }));

/** A PATH folder holding the tools the suite uses, as links to the real ones, less `without`. */
function toolsFolder(name: string, without: string[]): string {
  const folder = path.join(root, name);
  mkdirSync(folder);
  const tools = ['qpdf', 'pdftotext', 'pdfdetach', 'pdfimages', 'pdftoppm', 'pdffonts', 'pdfsig', 'ffmpeg', 'ffprobe', 'openssl'];
  for (const tool of [...tools, 'sha256sum', 'syncthing', 'prlimit', 'python3']) {
    if (without.includes(tool)) continue;
    const real = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    assert.ok(real, `${tool} is on this machine (npm test provisioned it)`);
    symlinkSync(real, path.join(folder, tool));
  }
  return folder;
}

const provision = (PATH: string, ...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...process.env, PATH }, timeout: 120_000 });

test(
  'with every tool present it passes and says nothing',
  { skip: process.platform !== 'linux' && 'the links stand for Linux tools' },
  () => {
    const run = provision(toolsFolder('all', []), '--check');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout + run.stderr, '');
  },
);

test(
  'a missing tool where apt-get cannot run: one sentence naming it and its install command, exit 1, nothing installed',
  { skip: process.platform !== 'linux' && 'the links stand for Linux tools' },
  () => {
    // No apt-get on this PATH: what a non-root developer, or a machine without apt, gets.
    const run = provision(toolsFolder('no-qpdf', ['qpdf']));
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '', 'no install was attempted');
    assert.equal(run.stderr, 'npm test needs qpdf and cannot install it here; install with: sudo apt-get install -y qpdf\n');
    const two = provision(toolsFolder('no-qpdf-syncthing', ['qpdf', 'syncthing']), '--check');
    assert.equal(two.status, 1);
    assert.equal(
      two.stderr,
      'npm test needs qpdf, syncthing and cannot install them here; install with: sudo apt-get install -y qpdf syncthing\n',
    );
  },
);
