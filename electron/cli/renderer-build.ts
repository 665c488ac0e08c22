import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../archive/index.ts';

/** The repository root, and the inputs and output of the renderer's Vite build. */
const root = path.resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = path.join(root, 'out', 'renderer');
const SOURCES = ['renderer', 'shared', 'package.json'].map((entry) => path.join(root, entry));

/** The newest modification time under `entry` (a file or a folder; node_modules and dot folders skipped). */
function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry, { withFileTypes: true })) {
    if (child.name === 'node_modules' || child.name.startsWith('.')) continue;
    newest = Math.max(newest, newestChange(path.join(entry, child.name)));
  }
  return newest;
}

/** Whether out/renderer is missing or older than any renderer or shared source. */
export function rendererBuildIsStale(): boolean {
  const index = path.join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestChange(source) > built);
}

/**
 * Builds the renderer when its build is missing or older than its sources, so `custodia serve` works
 * right after `npm install`. One progress line on stderr; Vite's own output only when it fails.
 */
export async function ensureRendererBuilt(): Promise<string> {
  if (!rendererBuildIsStale()) return RENDERER_OUT;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new ArchiveError('io', 'the app has not been built and Vite is not installed: run "npm install" first');
  process.stderr.write('Building the app for browser mode (first start after an install or an update)…\n');
  const child = spawn(process.execPath, [vite, 'build', '--config', path.join(root, 'renderer', 'vite.config.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  if (code !== 0) {
    process.stderr.write(output);
    throw new ArchiveError('io', 'building the app failed; see the output above');
  }
  return RENDERER_OUT;
}
