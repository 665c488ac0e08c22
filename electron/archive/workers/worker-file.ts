/**
 * Where a worker thread's entry point is. Under Node (the CLI, the bridge, the tests) it is the
 * TypeScript source beside this file, run by Node's type stripping; in the app, whose main process
 * is one bundle (out/main/index.cjs), scripts/build-electron.js emits each worker next to the
 * bundle as <name>.cjs. Workers are real modules: type-checked and linted like the rest.
 */
export type WorkerName = 'pdf-text-worker' | 'digest-worker';

export function workerFile(name: WorkerName): URL {
  return new URL(import.meta.url.endsWith('.cjs') ? `./${name}.cjs` : `./${name}.ts`, import.meta.url);
}
