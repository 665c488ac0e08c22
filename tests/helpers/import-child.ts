// Child process for crash tests: unlocks the vault and imports the given files, printing
// "ready" first so the parent knows when to start its random kill timer.
import { Archive } from '../../electron/archive/index.ts';

const [vault, caseId, ...files] = process.argv.slice(2);
const archive = await Archive.unlock(vault!, { passphrase: process.env.CUSTODIA_PASSPHRASE! });
process.stdout.write('ready\n');
for (const file of files) {
  const { id } = await archive.importFile(caseId!, file);
  process.stdout.write(`imported ${id}\n`);
}
archive.lock();
