import type { DossierCheckView } from '../../../shared/app-model.ts';
import { getApi } from '../api/client.ts';
import { useJob } from '../api/useJob.ts';
import { useI18n } from '../i18n/index.tsx';
import { DropFile } from '../ui/DropFile.tsx';
import { JobProgress } from '../ui/JobProgress.tsx';

/** A received dossier dropped on the window, checked, and the verdict said in plain words. */
export function DossierCheck() {
  const { t } = useI18n();
  const m = t.app.exchange.dossier;
  const api = getApi();
  const job = useJob();
  const result = job.status?.state === 'done' ? (job.status.result as DossierCheckView) : null;
  return (
    <section className="exchange-panel" data-testid="dossier-check">
      <h2>{m.title}</h2>
      <p className="muted small">{m.intro}</p>
      <DropFile
        purpose="dossier"
        accept="application/pdf,.pdf"
        onReady={(file) => void job.start(() => api['dossier.verify']('inboxId' in file ? { inboxId: file.inboxId } : { file: file.file }))}
      />
      <JobProgress status={job.status} error={job.error} onCancel={() => void job.cancel()} />
      {result && (
        <div className={result.intact ? 'message message-success' : 'message message-error'} role="status" data-testid="dossier-verdict">
          <p className="strong">{result.intact ? m.intact(result.pages, result.attachmentsChecked) : m.notIntact}</p>
          {result.intact && (
            <p>
              {result.signer?.kind === 'this-vault'
                ? m.thisVault
                : result.signer?.kind === 'contact'
                  ? m.contact(result.signer.name)
                  : m.unknown(result.fingerprint ?? '')}
            </p>
          )}
          {result.problems.length > 0 && (
            <ul className="problems">
              {[...new Set(result.problems.map((problem) => problem.kind))].map((kind) => (
                <li key={kind}>{m.problems[kind] ?? result.problems.find((problem) => problem.kind === kind)!.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
