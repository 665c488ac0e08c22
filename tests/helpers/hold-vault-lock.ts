// Child process for the vault-lock tests: takes the vault's lock as "a long import", says
// "locked", and holds it until killed (kill -9 leaves the lock file behind, as a crash would).
import { acquireVaultLock } from '../../electron/archive/vault/vault-lock.ts';

const [vault] = process.argv.slice(2);
await acquireVaultLock(vault!, 'custodia import-bag (test holder)');
process.stdout.write('locked\n');
setTimeout(() => process.exit(3), 120_000);
