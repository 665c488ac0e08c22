import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// The renderer is served by Electron (file/custom protocol) and by the loopback bridge, so every
// URL in the build is relative ('./assets/…') and no inline script is emitted (strict CSP).
export default defineConfig({
  root: here('.'),
  base: './',
  publicDir: here('./public'),
  plugins: [react()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
