import { z } from 'zod';
import type { Result } from './result.ts';

/**
 * Export destinations. The renderer never names a path: a folder is chosen in the desktop's
 * native dialog (main process) or in browser mode's folder browser (the engine), either of which
 * answers an opaque `destination` token plus the path for the user to read. Export requests carry
 * the token and, at most, a plain file name.
 */
export const DestinationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a destination chosen in the folder picker');
export const FolderHandle = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a folder from the folder browser');

/** One plain file or folder name: no separators, no leading dot, no control characters, not "." or "..". */
export const PlainName = z
  .string()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .refine((name) => !/[/\\:*?"<>|]/.test(name), 'must be a plain name without / \\ : * ? " < > |')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((name) => !/[\u0000-\u001f\u007f-\u009f]/.test(name), 'must not contain control characters')
  .refine((name) => !name.startsWith('.') && name.trim() === name, 'must not start with a dot or a space');

export const OutputToken = DestinationToken;

/**
 * What a picked folder is for: an export (plaintext goes there), a vault to open or create, a
 * received bag to read, the vault's replica (written, checked like an export folder), or a replica
 * to restore from (read, also before any vault is unlocked).
 */
export const FolderPurpose = z.enum(['export', 'vault', 'bag', 'replica', 'restore']);
export type FolderPurpose = z.infer<typeof FolderPurpose>;

/** A folder the user chose: the token for requests and the real path to show. */
export interface ChosenDestination {
  destination: string;
  folder: string;
}

/** A file an export wrote: the path to show and the token "Open" / "Show in folder" take. */
export interface ExportedFile {
  file: string;
  output: string;
}

/** What browser mode's folder browser shows of one folder. */
export interface FolderListing {
  at: string;
  path: string;
  /** null at a root (home, a removable-media mount). */
  parent: string | null;
  roots: Array<{ handle: string; path: string }>;
  folders: Array<{ handle: string; name: string }>;
  truncated: boolean;
}

/** The desktop app's extra door beside `window.custodia`: native dialogs and the file manager (main process). */
export const shellRequests = {
  chooseFolder: z.object({ purpose: FolderPurpose.optional() }).strict(),
  openOutput: z.object({ output: OutputToken }).strict(),
  showOutput: z.object({ output: OutputToken }).strict(),
} as const;
export type ShellChannel = keyof typeof shellRequests;
export const shellChannels = Object.keys(shellRequests) as ShellChannel[];

export interface ShellResponses {
  /** null when the user closed the dialog without choosing. */
  chooseFolder: ChosenDestination | null;
  openOutput: { opened: true };
  showOutput: { shown: true };
}

/** `window.custodiaShell`, present only in the desktop app. */
export type DesktopShellApi = {
  [C in ShellChannel]: (request: z.input<(typeof shellRequests)[C]>) => Promise<Result<ShellResponses[C]>>;
};
