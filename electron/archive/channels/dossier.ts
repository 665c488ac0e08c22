import type { DossierExportInput } from '../../../shared/schemas.ts';
import { exportCaseDossier } from '../archive.ts';
import { freeFileName, proposedDossierName } from '../exports.ts';
import { progressUntilCancelled, type HostContext } from './context.ts';

/** The window's case dossier: a name to propose, and the export as a cancellable job into a picked folder. */
export function dossierHandlers(host: HostContext) {
  return {
    'dossier.defaults': async ({ caseId }: { caseId: string }) => ({ fileName: proposedDossierName(host.unlocked().getCase(caseId)) }),
    'dossier.export': async (input: DossierExportInput) => {
      const archive = host.unlocked();
      const detail = archive.getCase(input.caseId);
      await host.destinations.folderOf(input.destination);
      return host.jobs.start('dossier', async (report, signal) => {
        // Checked again as the job starts: the folder may have been swapped since the request.
        const folder = await host.destinations.folderOf(input.destination);
        const result = await exportCaseDossier(archive, {
          caseId: input.caseId,
          out: freeFileName(folder, input.fileName ?? proposedDossierName(detail), '.pdf'),
          language: input.language,
          includeConfidential: input.includeConfidential,
          attachMedia: input.attachMedia,
          attachOriginals: input.attachOriginals,
          batesPrefix: input.batesPrefix,
          preparedBy: archive.users.preparedBy(),
          onProgress: progressUntilCancelled(report, signal),
        });
        return {
          file: result.file,
          output: host.destinations.recordOutput(result.file),
          dossierId: result.dossierId,
          sha256: result.sha256,
          pages: result.pages,
          exhibits: result.manifest.exhibits.length,
          withheld: result.manifest.withheld.exhibits,
        };
      });
    },
  };
}
