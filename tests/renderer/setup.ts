import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/**
 * Vitest's jsdom environment replaces the global typed-array constructors with those of the jsdom
 * window, which lives in its own V8 realm (vitest-dev/vitest#3976, #5183). The engine runs in this
 * same process, and its Node Buffers are then no longer `instanceof Uint8Array`: creating a vault
 * fails with "salt must be bytes". A browser has no Buffer and Electron's IPC copies every request
 * into the main process's realm, so the faithful setup is Node's own constructors. structuredClone
 * is Node's and rebuilds its copy in Node's realm, which hands us each original constructor back.
 */
const TYPED = [
  'ArrayBuffer',
  'Uint8Array',
  'Uint8ClampedArray',
  'Uint16Array',
  'Uint32Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
] as const;

if (typeof window !== 'undefined') {
  const scope = globalThis as unknown as Record<string, new (length: number) => object>;
  for (const name of TYPED) {
    const node = structuredClone(new scope[name]!(0)).constructor as new (length: number) => object;
    if (scope[name] !== node) scope[name] = node;
  }
}

afterEach(() => {
  cleanup();
  if (typeof window !== 'undefined') window.localStorage.clear();
});
