// Issue #17, point 9: a vault on a disk with 8 KiB left. SQLite cannot grow the catalog's
// shared-memory index there, which used to be reported as "the catalog cannot be decrypted: it is
// damaged or does not belong to this vault" (inviting a restore from backup). The command now says
// the disk is full, exits with the I/O status, changes nothing, and works again once there is room.
// A real small file system: a tmpfs mounted in a private mount namespace (unshare -m), so root only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { EXIT } from '../../electron/cli/exit-codes.ts';
import { BIN } from '../helpers/cli-run.ts';
import { PASSPHRASE, tempDir } from '../helpers/files.ts';

const dir = tempDir('custodia-low-disk-');
after(() => rmSync(dir, { recursive: true, force: true }));

const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;

test(
  'with 8 KiB free, every command says the disk is full (not a catalog that cannot be decrypted) and changes nothing',
  {
    skip: !canMount && 'needs root and unshare to mount a small tmpfs',
  },
  () => {
    const mount = path.join(dir, 'small-disk');
    const vault = path.join(mount, 'vault');
    const custodia = `"${process.execPath}" "${BIN}"`;
    // Each step prints a marker line, then its output; the tmpfs lives only as long as this shell.
    const script = `
    set -u
    mkdir -p "${mount}" && mount -t tmpfs -o size=4m tmpfs "${mount}" || exit 90
    ${custodia} init "${vault}" >/dev/null 2>&1 || exit 91
    ${custodia} case add --title "Дело" >/dev/null 2>&1 || exit 92
    free=$(df -B1 --output=avail "${mount}" | tail -1)
    head -c $((free - 8192)) /dev/zero > "${mount}/fill" 2>/dev/null
    echo "== free $(df -B1 --output=avail "${mount}" | tail -1)"
    before=$(cd "${vault}" && find . -type f | sort | xargs sha256sum)
    ${custodia} case list 2>&1; echo "== status $?"
    after=$(cd "${vault}" && find . -type f ! -name 'catalog.db-shm' ! -name 'catalog.db-wal' | sort | xargs sha256sum)
    [ "$before" = "$after" ] && echo "== unchanged" || echo "== changed"
    rm "${mount}/fill"
    ${custodia} --json case list 2>&1; echo "== status $?"
    umount "${mount}"
  `;
    const run = spawnSync('unshare', ['-m', 'sh', '-c', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir, CUSTODIA_VAULT: vault, CUSTODIA_PASSPHRASE: PASSPHRASE },
      timeout: 120_000,
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    // "== free N\n<case list>== status S\n== unchanged\n<case list --json>== status 0\n"
    const [, freeAndFull, fullStatus, unchangedAndRoomy, roomyStatus] = run.stdout.split(/^== /m);
    const [freeLine, ...fullLines] = freeAndFull!.split('\n');
    assert.ok(Number(freeLine!.split(' ')[1]) <= 8192, freeLine);
    const full = fullLines.join('\n').trim();
    assert.match(
      full,
      /^custodia: the disk holding the vault is full .*: the catalog \(catalog\.db\) cannot be opened .*free some space and try again$/,
    );
    assert.doesNotMatch(full, /decrypted|damaged|backup/);
    assert.equal(full.split('\n').length, 1, 'one line');
    assert.equal(fullStatus, `status ${EXIT.io}\n`);
    const [unchanged, ...roomy] = unchangedAndRoomy!.split('\n');
    assert.equal(unchanged, 'unchanged', 'no file of the vault changed');
    assert.equal((JSON.parse(roomy.join('\n')) as unknown[]).length, 1, 'with room again, the case is there');
    assert.equal(roomyStatus, 'status 0\n');
  },
);
