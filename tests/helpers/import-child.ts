// Child process for crash tests: unlocks the vault (with CUSTODIA_RECOVERY_KEY when given, else
// CUSTODIA_PASSPHRASE) and imports the given files. It prints "ready" once unlocked, "progress
// DONE TOTAL" after each batch reaches the temp file and "imported ID" once an item is committed, so
// the parent can time its SIGKILL to any of these moments. stdout is a pipe, written synchronously.
import { Archive } from '../../electron/archive/index.ts';

const [vault, caseId, ...files] = process.argv.slice(2);
const recoveryKey = process.env.CUSTODIA_RECOVERY_KEY;
const archive = await Archive.unlock(vault!, recoveryKey ? { recoveryKey } : { passphrase: process.env.CUSTODIA_PASSPHRASE! });
process.stdout.write('ready\n');
for (const file of files) {
  const { id } = await archive.importFile(caseId!, file, {
    onProgress: (done, total) => process.stdout.write(`progress ${done} ${total}\n`),
  });
  process.stdout.write(`imported ${id}\n`);
}
archive.lock();
