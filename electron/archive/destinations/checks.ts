import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../errors.ts';
import { assertOutsideVault } from '../exports.ts';

/**
 * What every export destination must pass, at the moment it is chosen and again when a job
 * writes to it (a folder can be swapped for a symlink in between):
 *
 * - no network path: a UNC name (`\\host\share`, `//host/share`, `\\?\UNC\…`, device paths) makes
 *   Windows connect over SMB and send the user's NTLM credentials along with the plaintext; on
 *   Linux a folder on an SMB/NFS mount is refused by its file-system type;
 * - the folder exists and is a folder, named by its real path (symlinks resolved);
 * - not inside the vault, also compared by real paths (a symlink into the vault does not pass).
 */

/**
 * Linux `statfs` magic numbers of network file systems (linux/magic.h, fs/smb/client). FUSE is
 * not here: it also carries local disks (ntfs-3g on USB drives), which are valid destinations.
 */
const NETWORK_FILE_SYSTEMS = new Map<number, string>([
  [0xff534d42, 'SMB (CIFS)'],
  [0xfe534d42, 'SMB2'],
  [0x517b, 'SMB'],
  [0x6969, 'NFS'],
  [0x564c, 'NCP'],
  [0x5346414f, 'AFS'],
  [0x00c36400, 'Ceph'],
]);

/** True for a path Windows would reach over the network (or a raw device path), whatever platform checks it. */
export function isNetworkPath(folder: string): boolean {
  return /^[\\/]{2}/.test(folder);
}

/** One-line refusal for a destination string before touching the disk, or null when it may be looked at. */
export function destinationStringProblem(folder: string): string | null {
  if (isNetworkPath(folder))
    return 'network folders (\\\\server\\share) are refused: exports are plaintext; choose a folder on this computer';
  if (!path.isAbsolute(folder)) return 'an export folder must be a full path';
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(folder)) return 'an export folder name must not contain control characters';
  return null;
}

/**
 * The real path of an acceptable export folder, or an ArchiveError('validation') naming why not.
 * `platform` is a parameter so the Linux file-system check can be skipped where statfs types mean
 * something else.
 */
export async function checkDestination(
  folder: string,
  vaultDirs: readonly string[],
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  const real = await realLocalFolder(folder);
  if (platform === 'linux') {
    const kind = NETWORK_FILE_SYSTEMS.get((await fs.statfs(real)).type);
    if (kind)
      throw new ArchiveError('validation', `${folder} is on ${kind}, a network file system; exports are plaintext, choose a local folder`);
  }
  // The engine's one containment check (it resolves links on both sides).
  for (const vaultDir of vaultDirs) assertOutsideVault(real, vaultDir, 'an export');
  return real;
}

/**
 * The real path of an existing local folder (no network path: the same NTLM leak as for exports):
 * what a folder picked to open a vault from must be, and the first half of every export check.
 */
export async function realLocalFolder(folder: string): Promise<string> {
  const problem = destinationStringProblem(folder);
  if (problem) throw new ArchiveError('validation', problem);
  let real: string;
  try {
    real = await fs.realpath(folder);
  } catch {
    throw new ArchiveError('validation', `${folder} does not exist (or cannot be read); choose another folder`);
  }
  if (isNetworkPath(real)) throw new ArchiveError('validation', `${folder} leads to a network folder; choose a folder on this computer`);
  if (!(await fs.stat(real)).isDirectory()) throw new ArchiveError('validation', `${folder} is not a folder`);
  return real;
}
