import path from 'node:path';
import { ArchiveError } from '../errors.ts';

/**
 * File names that came from someone else (an original file name in the vault, a path in a bag)
 * are written to disk only through here. A name becomes one harmless path component: no
 * separators, no `.`/`..`, no NUL or control characters, no bidirectional overrides that make
 * `evil‮fdp.exe` read as `evilexe.pdf`, no Windows device names, and at most MAX_NAME_BYTES.
 */
export const MAX_NAME_BYTES = 200;

/** Windows opens a device, not a file, for these names with any extension (CON.txt is the console). */
const DEVICE_NAME = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** C0/C1 controls, DEL, and the Unicode format characters that reorder or hide text. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/** Separators and the characters Windows refuses in names. */
const RESERVED_CHARACTERS = /[/\\<>:"|?*]/g;

export function safeFileName(name: string, fallback = 'file'): string {
  let safe = name.toWellFormed().normalize('NFC').replace(UNSAFE_CHARACTERS, '').replace(RESERVED_CHARACTERS, '_');
  // Windows drops trailing dots and spaces (so "a.pdf." and "a.pdf" collide); a leading dot hides the file.
  safe = safe.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  if (safe === '') safe = fallback;
  const dot = safe.indexOf('.');
  const stem = dot === -1 ? safe : safe.slice(0, dot);
  if (DEVICE_NAME.test(stem.trim())) safe = `_${safe}`;
  return truncateUtf8(safe, MAX_NAME_BYTES);
}

/** Shortens to at most `maxBytes` of UTF-8, keeping a short extension and never splitting a character. */
export function truncateUtf8(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name, 'utf8') <= maxBytes) return name;
  const extension = path.extname(name);
  const keep = extension.length > 1 && Buffer.byteLength(extension, 'utf8') <= 16 ? extension : '';
  const budget = maxBytes - Buffer.byteLength(keep, 'utf8');
  let out = '';
  for (const character of name.slice(0, name.length - keep.length)) {
    if (Buffer.byteLength(out + character, 'utf8') > budget) break;
    out += character;
  }
  return out.replace(/[. ]+$/, '') + keep;
}

/**
 * Hands out safe names that are unique in one folder, also on case-insensitive file systems
 * (NTFS, APFS) and where é and e + ◌́ are the same name: the second "Report.pdf" becomes "Report (2).pdf".
 */
export class UniqueNames {
  private readonly taken = new Set<string>();

  take(name: string): string {
    const safe = safeFileName(name);
    const extension = path.extname(safe);
    const stem = safe.slice(0, safe.length - extension.length);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const candidate = n === 1 ? safe : truncateUtf8(stem, MAX_NAME_BYTES - Buffer.byteLength(suffix + extension)) + suffix + extension;
      const key = candidate.normalize('NFC').toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}

/**
 * Resolves a relative path read from a bag (a manifest line, a catalog entry) inside `root`, or
 * throws: absolute paths, drive letters, `..`, NUL and backslashes never reach the file system.
 */
export function resolveInside(root: string, relative: string): string {
  const refuse = (why: string) => {
    throw new ArchiveError('validation', `refused the path "${JSON.stringify(relative).slice(1, -1)}" from the bag: ${why}`);
  };
  if (relative.length === 0) refuse('it is empty');
  if (relative.includes('\0')) refuse('it contains a NUL character');
  if (relative.includes('\\')) refuse('it contains a backslash');
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) refuse('it is absolute');
  const parts = relative.split('/');
  if (parts.some((part) => part === '..' || part === '.' || part === '')) refuse('it has an empty, "." or ".." segment');
  const resolved = path.resolve(root, ...parts);
  const rootResolved = path.resolve(root);
  if (resolved !== rootResolved && !resolved.startsWith(rootResolved + path.sep)) refuse('it leaves the bag');
  return resolved;
}
