import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const module = fileURLToPath(new URL('../../electron/main/core-dumps.ts', import.meta.url));
const prlimit = ['/usr/bin/prlimit', '/bin/prlimit'].some((candidate) => existsSync(candidate));

test(
  'the app process turns its own core dumps off (RLIMIT_CORE 0, soft and hard)',
  { skip: process.platform !== 'linux' ? 'Linux only' : !prlimit ? 'prlimit (util-linux) is not installed' : false },
  () => {
    // A fresh process, as the app's main process is: it lowers its own limit, then reads it back.
    const script = `
      const { limitCoreDumps } = await import(${JSON.stringify(module)});
      const said = limitCoreDumps();
      const limits = (await import('node:fs')).readFileSync('/proc/self/limits', 'utf8');
      console.log(JSON.stringify({ said, line: limits.split('\\n').find((l) => l.startsWith('Max core file size')) }));
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const { said, line } = JSON.parse(result.stdout) as { said: string; line: string };
    assert.equal(said, 'core dumps: RLIMIT_CORE set to 0');
    assert.match(line, /^Max core file size\s+0\s+0\s+bytes/);
  },
);
