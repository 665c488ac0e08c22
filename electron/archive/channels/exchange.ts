import { existsSync, promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  BagCheckView,
  BagExportView,
  BagImportView,
  DossierCheckView,
  DossierEstimate,
  PackageExportView,
  PackageImportView,
  SubmissionResultView,
} from '../../../shared/app-model.ts';
import type { ContactInput, SubmissionExportInput } from '../../../shared/app-schemas.ts';
import type { Archive } from '../archive.ts';
import { verifyDossier, verifyDossierBytes, type DossierVerification } from '../dossier/index.ts';
import { keyFingerprint } from '../dossier/manifest.ts';
import { ArchiveError } from '../errors.ts';
import { freeFileName, slugOf } from '../exports.ts';
import { verifyBag } from '../exchange/bag-verify.ts';
import { nativePrimitives } from '../crypto/index.ts';
import { TEMP_DIR } from '../vault/vault.ts';
import { byteProgress, progressUntilCancelled, type HostContext } from './context.ts';
import type { Inbox } from './inbox.ts';

const today = () => new Date().toISOString().slice(0, 10);
/** Types a dossier shows on its pages; everything else is "media", attached only on request. */
const SHOWN_ON_PAGES =
  /^(application\/pdf|image\/png|image\/jpeg|text\/plain|application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document|application\/zip)$/;

/**
 * The exports and checks of the Exchange screen, each a job with progress and cancel: multi-case
 * submission, BagIt export / check / import, encrypted packages to and from pinned colleagues,
 * and the check of a received dossier; plus the address book and this vault's own keys.
 */
export function exchangeHandlers(host: HostContext, inbox: Inbox) {
  const signerOf = (archive: Archive, key: string | null): DossierCheckView['signer'] => {
    if (!key) return null;
    if (key === archive.publicKey) return { kind: 'this-vault' };
    const contact = archive.contacts.bySigningKey(key);
    return contact ? { kind: 'contact', name: contact.name } : null;
  };
  const dossierView = (archive: Archive, result: DossierVerification): DossierCheckView => ({
    intact: result.intact,
    problems: result.problems.map(({ kind, message }) => ({ kind, message })),
    dossierId: result.dossierId,
    kind: result.kind,
    pages: result.pages,
    bates: result.bates,
    exhibits: result.exhibits,
    attachmentsChecked: result.attachmentsChecked,
    publicKey: result.publicKey,
    fingerprint: result.fingerprint,
    signer: result.signatureValid ? signerOf(archive, result.publicKey) : null,
  });

  return {
    'vault.identity': async () => {
      const archive = host.unlocked();
      return { signingKey: archive.publicKey, receivingKey: archive.receivingPublicKey, fingerprint: keyFingerprint(archive.publicKey) };
    },
    'contacts.list': async () => host.unlocked().contacts.list(),
    'contacts.save': async (input: ContactInput) => host.unlocked().contacts.save(input),
    'contacts.remove': async ({ id }: { id: string }) => host.unlocked().contacts.remove(id),

    'dossier.estimate': async ({
      caseId,
      includeConfidential,
    }: {
      caseId: string;
      includeConfidential?: boolean;
    }): Promise<DossierEstimate> => {
      const detail = host.unlocked().getCase(caseId);
      const items = detail.items.filter((item) => includeConfidential || item.confidentiality !== 'confidential');
      const media = items.filter((item) => !SHOWN_ON_PAGES.test(item.mimeType));
      return {
        mediaFiles: media.length,
        mediaBytes: media.reduce((sum, item) => sum + item.size, 0),
        documentFiles: items.length - media.length,
      };
    },

    'submission.export': async (input: SubmissionExportInput) => {
      const archive = host.unlocked();
      for (const id of input.caseIds) archive.getCase(id);
      await host.destinations.folderOf(input.destination);
      return host.jobs.start('submission', async (report, signal) => {
        // Checked again as the job starts: the folder may have been swapped since the request.
        const folder = await host.destinations.folderOf(input.destination);
        const result = await archive.exportSubmission({
          caseIds: input.caseIds,
          out: freeFileName(folder, `submission-${today()}`, '.pdf'),
          language: input.language,
          includeConfidential: input.includeConfidential,
          title: input.title,
          intro: input.intro,
          preparedBy: archive.users.preparedBy(),
          onProgress: progressUntilCancelled(report, signal),
        });
        const { file, dossierId, sha256, pages } = result;
        const output = host.destinations.recordOutput(file);
        return { file, output, dossierId, sha256, pages, cases: input.caseIds.length } satisfies SubmissionResultView;
      });
    },

    'bag.export': async ({ caseId, destination }: { caseId?: string; destination: string }) => {
      const archive = host.unlocked();
      const stem = caseId ? slugOf(archive.getCase(caseId), 'bag') : 'bag-vault';
      await host.destinations.folderOf(destination);
      return host.jobs.start('bag-export', async (report, signal) => {
        const parent = await host.destinations.folderOf(destination);
        const out = freeFileName(parent, `${stem}-${today()}`, '');
        const result = await archive.exportBag({ caseId, out, onProgress: byteProgress(report, signal, 'copying') });
        return {
          dir: result.dir,
          output: host.destinations.recordOutput(result.dir),
          externalIdentifier: result.externalIdentifier,
          files: result.files,
          bytes: result.bytes,
        } satisfies BagExportView;
      });
    },

    'bag.verify': async ({ bag, signingKey }: { bag: string; signingKey?: string }) => {
      const archive = host.unlocked();
      const folder = host.destinations.sourceFolderOf(bag, 'the bag folder');
      return host.jobs.start('bag-verify', async (report, signal) => {
        const result = await verifyBag(folder, nativePrimitives, {
          expectedKey: signingKey,
          onProgress: byteProgress(report, signal, 'checking'),
        });
        return {
          ok: result.ok,
          dir: result.dir,
          files: result.files,
          bytes: result.bytes,
          problems: result.problems.map(({ kind, message }) => ({ kind, message })),
          warnings: result.warnings,
          custody: result.custody
            ? {
                publicKey: result.custody.publicKey,
                events: result.custody.events,
                ok: result.custody.ok,
                contact:
                  result.custody.publicKey === archive.publicKey
                    ? null
                    : (archive.contacts.bySigningKey(result.custody.publicKey)?.name ?? null),
              }
            : null,
        } satisfies BagCheckView;
      });
    },

    'bag.import': async ({ bag, caseId }: { bag: string; caseId?: string }) => {
      const archive = host.unlocked();
      const folder = host.destinations.sourceFolderOf(bag, 'the bag folder');
      if (caseId) archive.getCase(caseId);
      return host.jobs.start('bag-import', async (report, signal) => {
        const result = await archive.importBag(folder, { caseId, onProgress: byteProgress(report, signal, 'checking') });
        return {
          caseId: result.caseId,
          caseCreated: result.caseCreated,
          alreadyImported: result.alreadyImported,
          imported: result.imported.length,
        } satisfies BagImportView;
      });
    },

    'package.export': async ({ caseId, contactId, destination }: { caseId: string; contactId: string; destination: string }) => {
      const archive = host.unlocked();
      const contact = archive.contacts.get(contactId);
      if (!contact.receivingKey) throw new ArchiveError('validation', `no receiving key is pinned for ${contact.name}; add theirs first`);
      const detail = archive.getCase(caseId);
      await host.destinations.folderOf(destination);
      return host.jobs.start('package-export', async (report, signal) => {
        const parent = await host.destinations.folderOf(destination);
        const out = freeFileName(parent, `${slugOf(detail, 'case')}-${today()}`, '.cstd');
        // Bytes as they are encrypted; a cancel stops the write, and nothing is kept or recorded.
        const result = await archive.exportPackage(caseId, contact.receivingKey!, out, byteProgress(report, signal, 'encrypting'));
        const output = host.destinations.recordOutput(result.file);
        return { file: result.file, output, items: result.items, bytes: result.bytes, recipient: contact.name } satisfies PackageExportView;
      });
    },

    'package.import': async (input: { file?: string; inboxId?: string; contactId?: string }) => {
      const archive = host.unlocked();
      const expected = input.contactId ? archive.contacts.get(input.contactId).signingKey : undefined;
      if (input.contactId && !expected) throw new ArchiveError('validation', 'no signing key is pinned for that contact');
      const staged = input.inboxId ? inbox.take(input.inboxId, 'package') : null;
      return host.jobs.start('package-import', async (report) => {
        let file = input.file!;
        if (staged) {
          // A package is ciphertext: staged in the vault's temp folder (swept on the next unlock if we crash).
          file = path.join(archive.dir, TEMP_DIR, `inbox-${randomUUID()}.cstd`);
          await fs.writeFile(file, staged, { mode: 0o600 });
        }
        report({ phase: 'checking', done: 0, total: staged?.length ?? 0 });
        try {
          const result = await archive.importPackage(file, { expectedSender: expected ?? undefined });
          const contact = archive.contacts.bySigningKey(result.sender.signingKey);
          return {
            caseId: result.caseId,
            alreadyImported: result.alreadyImported,
            items: result.items.length,
            sender: {
              signingKey: result.sender.signingKey,
              fingerprint: keyFingerprint(result.sender.signingKey),
              contact: contact?.name ?? null,
              vaultId: result.sender.vaultId,
            },
          } satisfies PackageImportView;
        } finally {
          if (staged && existsSync(file)) await fs.rm(file, { force: true });
        }
      });
    },

    'dossier.verify': async (input: { file?: string; inboxId?: string }) => {
      const archive = host.unlocked();
      const bytes = input.inboxId ? inbox.take(input.inboxId, 'dossier') : null;
      return host.jobs.start('dossier-verify', async (report) => {
        report({ phase: 'checking', done: 0, total: bytes?.length ?? 0 });
        const result = bytes ? await verifyDossierBytes(bytes) : await verifyDossier(input.file!);
        return dossierView(archive, result);
      });
    },
  };
}
