// Bundles the Electron main process and the preload into CommonJS files under out/:
//   electron/main/index.ts    → out/main/index.cjs     (package.json "main")
//   electron/preload/index.ts → out/preload/index.cjs  (sandboxed preloads can require only
//                                                        'electron' and a few built-ins, so it
//                                                        must be one self-contained file)
// Native and WASM engine dependencies stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');

// The preload needs only the channel names. Importing shared/contract.ts there would bundle zod
// and every schema into the privileged preload (~740 KiB that does nothing there), so the names
// are read here (Node 22 runs the .ts contract directly) and injected as a constant.
const { channels } = await import('../shared/contract.ts');
const { shellChannels } = await import('../shared/destinations.ts');

const external = ['electron', 'better-sqlite3-multiple-ciphers', 'sodium-native', 'libsodium-wrappers-sumo', '@jsquash/webp'];

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external,
  // No source maps: the package ships what runs (a map would carry the engine's whole source).
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
};

const targets = [
  {
    ...common,
    entryPoints: ['electron/main/index.ts'],
    outfile: path.join(out, 'main', 'index.cjs'),
    // The engine is ESM and loads native modules with createRequire(import.meta.url); a CJS bundle
    // has no import.meta, so give it the bundle's own file URL (resolution from out/main reaches
    // the same node_modules).
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  },
  // Worker threads are their own entry points, emitted beside the main bundle where
  // electron/archive/workers/worker-file.ts looks for them.
  ...['pdf-text-worker', 'digest-worker'].map((name) => ({
    ...common,
    entryPoints: [`electron/archive/workers/${name}.ts`],
    outfile: path.join(out, 'main', `${name}.cjs`),
  })),
  {
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: path.join(out, 'preload', 'index.cjs'),
    // Only 'electron' exists in a sandboxed preload; everything else must be inside the bundle.
    external: ['electron'],
    define: { __CUSTODIA_CHANNELS__: JSON.stringify(channels), __CUSTODIA_SHELL_CHANNELS__: JSON.stringify(shellChannels) },
  },
];

async function main() {
  await Promise.all(['main', 'preload'].map((dir) => fs.rm(path.join(out, dir), { recursive: true, force: true })));
  for (const options of targets) {
    await build(options);
    const { size } = await fs.stat(options.outfile);
    process.stdout.write(`built ${path.relative(root, options.outfile)} (${(size / 1024).toFixed(0)} KiB)\n`);
  }
}

main().catch((error) => {
  // esbuild has already printed the located errors; add one line saying what failed.
  process.stderr.write(`build:electron failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exit(1);
});
