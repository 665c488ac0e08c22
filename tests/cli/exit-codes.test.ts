import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ArchiveError } from '../../electron/archive/index.ts';
import { EXIT, exitCodeOf } from '../../electron/cli/exit-codes.ts';

test('the README lists exactly the exit statuses the CLI uses', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const listed = [...readme.matchAll(/^\| (\d+) +\| /gm)].map((match) => Number(match[1]));
  assert.deepEqual(
    listed,
    [...new Set(Object.values(EXIT))].sort((a, b) => a - b),
  );
});

test('an error gets the status of its kind; a failed system call is io, anything else internal', () => {
  assert.equal(exitCodeOf(new ArchiveError('integrity', 'x')), EXIT.checkFailed);
  assert.equal(exitCodeOf(new ArchiveError('wrong-passphrase', 'x')), EXIT.wrongPassphrase);
  assert.equal(exitCodeOf(new ArchiveError('validation', 'x')), EXIT.usage);
  assert.equal(exitCodeOf(new ArchiveError('no-vault', 'x')), EXIT.notFound);
  assert.equal(exitCodeOf(new ArchiveError('forbidden', 'x')), EXIT.refused);
  assert.equal(exitCodeOf(new ArchiveError('io', 'x')), EXIT.io);
  assert.equal(exitCodeOf(Object.assign(new Error('disk full'), { code: 'ENOSPC' })), EXIT.io);
  assert.equal(exitCodeOf(new TypeError('bug')), EXIT.internal);
  assert.equal(exitCodeOf('thrown string'), EXIT.internal);
});
