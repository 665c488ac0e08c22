import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FolderListing } from '../../../shared/destinations.ts';
import { ArchiveError } from '../errors.ts';

/** Where removable media and other disks are mounted (Linux distributions, macOS). */
export const REMOVABLE_MEDIA_MOUNTS = ['/media', '/mnt', '/run/media', '/Volumes'];
const MAX_FOLDERS_LISTED = 500;
const MAX_HANDLES = 2000;

/**
 * Browser mode's folder picker, served by the engine because a web page cannot learn paths. It
 * shows only folders under the user's home and the removable-media mounts (real paths: a symlink
 * leading elsewhere is not listed and cannot be entered) and names every folder by a random
 * handle, so the page never sends a path back. Choosing a folder goes through `Destinations`,
 * which applies the same checks as the desktop's native dialog.
 */
export class FolderBrowser {
  private readonly handles = new Map<string, string>();
  private realRoots: Promise<string[]> | null = null;

  private readonly roots: readonly string[];

  constructor(roots: readonly string[] = [os.homedir(), ...REMOVABLE_MEDIA_MOUNTS]) {
    this.roots = roots;
  }

  /** The roots that exist, by real path, without duplicates or roots nested in another. */
  private existingRoots(): Promise<string[]> {
    this.realRoots ??= Promise.all(this.roots.map((root) => fs.realpath(root).catch(() => null))).then((found) => {
      const unique = [...new Set(found.filter((root): root is string => root !== null))];
      return unique.filter((root) => !unique.some((other) => other !== root && isInsideOrSame(other, root)));
    });
    return this.realRoots;
  }

  private handleFor(folder: string): string {
    for (const [handle, known] of this.handles) if (known === folder) return handle;
    const handle = randomBytes(16).toString('base64url');
    this.handles.set(handle, folder);
    while (this.handles.size > MAX_HANDLES) this.handles.delete(this.handles.keys().next().value!);
    return handle;
  }

  /** The real path behind a handle, still inside a root (re-checked: the folder may have been swapped for a symlink). */
  async folderOf(handle: string): Promise<string> {
    const folder = this.handles.get(handle);
    if (!folder) throw new ArchiveError('not-found', 'that folder is no longer listed; open the folder browser again');
    let real: string;
    try {
      real = await fs.realpath(folder);
    } catch {
      throw new ArchiveError('not-found', `${folder} no longer exists`);
    }
    const roots = await this.existingRoots();
    if (real !== folder || !roots.some((root) => isInsideOrSame(root, real)))
      throw new ArchiveError('forbidden', `${folder} is outside the folders offered here`);
    return real;
  }

  /** One folder's subfolders (hidden ones left out), its parent within the roots, and the roots. */
  async list(handle?: string): Promise<FolderListing> {
    const roots = await this.existingRoots();
    if (roots.length === 0) throw new ArchiveError('not-found', 'no home folder or removable-media folder exists here');
    const folder = handle ? await this.folderOf(handle) : roots[0]!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      throw new ArchiveError('io', `${folder} cannot be read`);
    }
    const names = entries
      .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || entry.isSymbolicLink()))
      .map((entry) => entry.name)
      .sort((a, b) => a.localeCompare(b));
    const folders: FolderListing['folders'] = [];
    for (const name of names) {
      if (folders.length >= MAX_FOLDERS_LISTED) break;
      const real = await fs.realpath(path.join(folder, name)).catch(() => null);
      if (!real || !roots.some((root) => isInsideOrSame(root, real))) continue;
      if (
        !(await fs.stat(real).then(
          (stat) => stat.isDirectory(),
          () => false,
        ))
      )
        continue;
      folders.push({ handle: this.handleFor(real), name });
    }
    const inRoot = roots.includes(folder);
    return {
      at: this.handleFor(folder),
      path: folder,
      parent: inRoot ? null : this.handleFor(path.dirname(folder)),
      roots: roots.map((root) => ({ handle: this.handleFor(root), path: root })),
      folders,
      truncated: names.length > folders.length && folders.length >= MAX_FOLDERS_LISTED,
    };
  }

  /** Creates a subfolder (one plain name) and lists it. */
  async makeFolder(handle: string, name: string): Promise<FolderListing> {
    const parent = await this.folderOf(handle);
    const created = path.join(parent, name);
    if (path.dirname(created) !== parent || name.startsWith('.')) throw new ArchiveError('validation', 'a folder name is one plain name');
    try {
      await fs.mkdir(created, { mode: 0o700 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new ArchiveError('validation', `${created} already exists`);
      throw new ArchiveError('io', `${created} could not be created`);
    }
    return this.list(this.handleFor(created));
  }
}

function isInsideOrSame(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
