#!/usr/bin/env node
// The CLI is TypeScript run by Node's type stripping (Node >= 22.18). When an older Node runs
// this file (for example the system Node 20), re-run it with the Node 22 that `npm install` put
// in node_modules, so `npx custodia` and a direct call behave the same.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  await import('../electron/cli/main.ts');
} else {
  const bundled = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(bundled)) {
    process.stderr.write(`custodia: needs Node 22.18 or later (this is ${process.version}); run "npm install" first\n`);
    process.exit(1);
  }
  const result = spawnSync(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
