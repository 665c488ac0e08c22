import { z } from 'zod';
import { DestinationToken } from './destinations.ts';
import { DossierLanguage, ExportFolder, Id, Passphrase } from './schemas.ts';

/**
 * Requests of the app's own screens beyond cases and items: named users, the vault's life
 * (passphrase, recovery key, other vaults), the address book, and the export and check jobs.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const noControls = (value: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(value);
const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.isWellFormed(), 'must be well-formed Unicode text')
    .refine(noControls, 'must be one line without control characters');

/** A person working in the vault: the name custody events and dossier covers carry. */
export const UserInput = z.object({ id: Id.optional(), name: line(200).min(1, 'must not be empty'), role: line(100).default('') }).strict();
export type UserInput = z.infer<typeof UserInput>;

/** A full path on this computer (a vault folder, a bag, a received file). */
export const LocalPath = ExportFolder;

export const VaultCreateInput = z.object({ passphrase: Passphrase, user: UserInput.omit({ id: true }).optional() }).strict();

export const PassphraseChange = z
  .object({
    /** The passphrase in use; not asked right after an unlock with the recovery key (nobody knows it then). */
    current: Passphrase.optional(),
    passphrase: Passphrase,
  })
  .strict();

/** Two groups of the recovery key typed back (1-based positions), to show it was written down. */
export const RecoveryKeyCheck = z
  .object({
    answers: z
      .array(z.object({ position: z.number().int().min(1).max(64), group: z.string().trim().min(1).max(16) }).strict())
      .length(2, 'type exactly two groups back'),
  })
  .strict();

/** A 32-byte public key as 64 hex digits. */
export const PublicKeyHex = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be a key of 64 hexadecimal digits')
  .transform((value) => value.toLowerCase());

export const ContactInput = z
  .object({
    id: Id.optional(),
    name: line(200).min(1, 'must not be empty'),
    /** Their vault's receiving key: what a package to them is encrypted to. */
    receivingKey: PublicKeyHex.optional(),
    /** Their vault's signing key: what packages and dossiers from them must be signed with. */
    signingKey: PublicKeyHex.optional(),
  })
  .strict()
  .refine((contact) => contact.receivingKey || contact.signingKey, {
    message: 'give a receiving key, a signing key or both',
    path: ['receivingKey'],
  });
export type ContactInput = z.infer<typeof ContactInput>;

export const SubmissionExportInput = z
  .object({
    caseIds: z.array(Id).min(1, 'choose at least one case').max(10_000),
    destination: DestinationToken,
    language: DossierLanguage.default('en'),
    includeConfidential: z.boolean().default(false),
    title: line(300).optional(),
    intro: z.string().trim().max(20_000).optional(),
  })
  .strict();
export type SubmissionExportInput = z.infer<typeof SubmissionExportInput>;

// Where exports go, and which received bag is read, are folders picked in the folder picker (tokens, never paths).
export const BagExportInput = z.object({ caseId: Id.optional(), destination: DestinationToken }).strict();
export const BagCheckInput = z.object({ bag: DestinationToken, signingKey: PublicKeyHex.optional() }).strict();
export const BagImportInput = z.object({ bag: DestinationToken, caseId: Id.optional() }).strict();
export const PackageExportInput = z.object({ caseId: Id, contactId: Id, destination: DestinationToken }).strict();

/** A received file: a path on this computer, or one dropped on the window and sent to the inbox. */
const receivedFile = { file: LocalPath.optional(), inboxId: Id.optional() };
const oneSource = { message: 'give either a file or an inbox id', path: ['file'] };
const exactlyOne = (value: { file?: string; inboxId?: string }) => (value.file === undefined) !== (value.inboxId === undefined);
export const PackageImportInput = z
  .object({ ...receivedFile, contactId: Id.optional() })
  .strict()
  .refine(exactlyOne, oneSource);
export const DossierCheckInput = z.object(receivedFile).strict().refine(exactlyOne, oneSource);

export const InboxStart = z
  .object({
    name: line(255).min(1),
    size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    purpose: z.enum(['dossier', 'package']),
  })
  .strict();

export const LossRecord = z.object({ itemId: Id, note: z.string().trim().min(1, 'say what was lost and why').max(2000) }).strict();
