import { randomBytes } from 'node:crypto';
import { ArchiveError } from '../errors.ts';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import { checkDestination, realLocalFolder } from './checks.ts';

const MAX_KEPT = 64;

const newToken = () => randomBytes(32).toString('base64url');

/** Keeps at most `MAX_KEPT` entries, forgetting the oldest (Map keeps insertion order). */
function remember(map: Map<string, string>, token: string, value: string): void {
  map.set(token, value);
  while (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
}

/**
 * Where exports may go, decided by the main process (native dialog) or the engine's confined
 * folder browser, never by the renderer: they grant a token for a checked folder, and export
 * requests carry only that token. Files an export wrote get a token too, so "Open" and "Show in
 * folder" act on what Custodia wrote and on nothing the page names. Tokens die on lock.
 */
export class Destinations {
  private readonly folders = new Map<string, string>();
  private readonly outputs = new Map<string, string>();
  /** Folders chosen to read from (a vault to open or create, a received bag): never written to by an export. */
  private readonly sourceFolders = new Map<string, string>();

  private readonly vaultDirs: () => readonly string[];

  /** `vaultDirs`: every vault folder the app can open now; exports never go inside one. */
  constructor(vaultDirs: () => readonly string[]) {
    this.vaultDirs = vaultDirs;
  }

  /** Checks `folder` (network, existence, symlinks, vault) and hands out a token for its real path. */
  async grant(folder: string): Promise<ChosenDestination> {
    const real = await checkDestination(folder, this.vaultDirs());
    const destination = newToken();
    remember(this.folders, destination, real);
    return { destination, folder: real };
  }

  /** A folder the user picked to read from ("Locate it…", "Open a vault…", a bag to check): a token for its real path. */
  async grantSourceFolder(folder: string): Promise<ChosenDestination> {
    const real = await realLocalFolder(folder);
    const destination = newToken();
    remember(this.sourceFolders, destination, real);
    return { destination, folder: real };
  }

  sourceFolderOf(destination: string, what = 'the vault folder'): string {
    const folder = this.sourceFolders.get(destination);
    if (!folder) throw new ArchiveError('validation', `choose ${what} again (the choice has expired)`);
    return folder;
  }

  /** The folder behind a token, checked again now (it may have been replaced by a symlink since). */
  async folderOf(destination: string): Promise<string> {
    const folder = this.folders.get(destination);
    if (!folder) throw new ArchiveError('validation', 'choose the export folder again (the choice has expired)');
    const real = await checkDestination(folder, this.vaultDirs());
    if (real !== folder) throw new ArchiveError('validation', `${folder} has changed since it was chosen; choose it again`);
    return real;
  }

  /** Records a file an export wrote; the token is what "Open" / "Show in folder" take. */
  recordOutput(file: string): string {
    const token = newToken();
    remember(this.outputs, token, file);
    return token;
  }

  outputFile(output: string): string {
    const file = this.outputs.get(output);
    if (!file) throw new ArchiveError('not-found', 'that export is no longer known (the vault was locked since)');
    return file;
  }

  clear(): void {
    this.folders.clear();
    this.outputs.clear();
    this.sourceFolders.clear();
  }
}
