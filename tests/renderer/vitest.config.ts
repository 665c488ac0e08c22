import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Component tests for the renderer: jsdom for the DOM, the real engine (ArchiveHost on a temp
 * folder, native sodium and SQLite) in the same process behind `window.custodia`.
 * Run: npx vitest run --config tests/renderer/vitest.config.ts
 */
export default defineConfig({
  root,
  plugins: [react()],
  test: {
    include: ['tests/renderer/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['tests/renderer/setup.ts'],
    // Each file creates one vault (Argon2id at the default cost, ~0.5 s) and drives a real engine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
