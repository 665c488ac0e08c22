import { useEffect, useId, useState, type FormEvent } from 'react';
import type { DossierEstimate } from '../../../shared/app-model.ts';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import type { DossierExportResult } from '../../../shared/model.ts';
import type { DossierLanguage } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useJob } from '../api/useJob.ts';
import { describeError } from '../ui/errors.ts';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';
import { ErrorMessage, ProgressLine } from '../ui/feedback.tsx';

/**
 * Exporting one case as a PDF dossier for a court or a UN mechanism: language, confidential
 * material (left out unless the user says otherwise, with a warning), media attachments, Bates
 * prefix, the folder (chosen in a picker: the page never names a path) and the file name. The export runs as a job with a progress bar and a cancel
 * button; the result names the file, its pages, its SHA-256 and what was withheld.
 */
export function DossierExport({ caseId, onClose }: { caseId: string; onClose?: () => void }) {
  const { t, f, locale } = useI18n();
  const api = getApi();
  const id = useId();
  const job = useJob();
  const [form, setForm] = useState({
    language: locale as string,
    includeConfidential: false,
    // Off unless asked: media can make a dossier too large to send (its size is shown beside the box).
    attachMedia: false,
    batesPrefix: 'CUSTODIA',
    fileName: '',
  });
  const [destination, setDestination] = useState<ChosenDestination | null>(null);

  const [estimate, setEstimate] = useState<DossierEstimate | null>(null);
  useEffect(() => {
    let current = true;
    void api['dossier.estimate']({ caseId, includeConfidential: form.includeConfidential }).then((result) => {
      if (current && result.ok) setEstimate(result.value);
    });
    return () => {
      current = false;
    };
  }, [api, caseId, form.includeConfidential]);

  useEffect(() => {
    let current = true;
    void api['dossier.defaults']({ caseId }).then((result) => {
      if (current && result.ok) setForm((known) => (known.fileName ? known : { ...known, fileName: result.value.fileName }));
    });
    return () => {
      current = false;
    };
  }, [api, caseId]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!destination) return;
    void job.start(() =>
      api['dossier.export']({
        caseId,
        destination: destination.destination,
        ...(form.fileName.trim() ? { fileName: form.fileName.trim() } : {}),
        language: form.language as DossierLanguage,
        includeConfidential: form.includeConfidential,
        attachMedia: form.attachMedia,
        batesPrefix: form.batesPrefix.trim(),
      }),
    );
  };

  const status = job.status;
  const result = status?.state === 'done' ? (status.result as DossierExportResult) : null;
  const progress = status?.state === 'running' ? status.progress : null;

  return (
    <section className="export-panel" aria-labelledby={`${id}-title`} data-testid="dossier-export">
      <h2 id={`${id}-title`}>{t.dossier.title}</h2>
      <p className="muted small">{t.dossier.intro}</p>
      <form onSubmit={submit} noValidate autoComplete="off">
        <fieldset disabled={job.running} className="form-grid">
          <label className="field">
            <span className="field-label">{t.dossier.language}</span>
            <select className="input" value={form.language} onChange={(event) => setForm({ ...form, language: event.target.value })}>
              <option value="en">English</option>
              <option value="ru">Русский</option>
              <option value="kk">Қазақша</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t.dossier.batesPrefix}</span>
            <input
              className="input"
              autoComplete="off"
              value={form.batesPrefix}
              onChange={(event) => setForm({ ...form, batesPrefix: event.target.value })}
            />
          </label>
          <DestinationPicker label={t.dossier.folder} value={destination} onChange={setDestination} />
          <label className="field field-wide">
            <span className="field-label">{t.destinations.fileName}</span>
            <input
              className="input input-mono"
              autoComplete="off"
              value={form.fileName}
              spellCheck={false}
              onChange={(event) => setForm({ ...form, fileName: event.target.value })}
            />
            <span className="field-hint">{t.destinations.fileNameHint}</span>
          </label>
          <label className="check field-wide">
            <input
              type="checkbox"
              checked={form.attachMedia}
              onChange={(event) => setForm({ ...form, attachMedia: event.target.checked })}
            />{' '}
            {estimate && estimate.mediaFiles > 0
              ? t.app.dossierOptions.attachMedia(estimate.mediaFiles, f.bytes(estimate.mediaBytes))
              : t.dossier.attachMedia}
          </label>
          <label className="check field-wide">
            <input
              type="checkbox"
              checked={form.includeConfidential}
              onChange={(event) => setForm({ ...form, includeConfidential: event.target.checked })}
            />{' '}
            {t.dossier.includeConfidential}
          </label>
          {form.includeConfidential && <p className="message message-warning field-wide">{t.dossier.confidentialWarning}</p>}
        </fieldset>
        {job.error && <ErrorMessage>{job.error}</ErrorMessage>}
        {status?.state === 'failed' && status.error && <ErrorMessage>{describeError(t, status.error)}</ErrorMessage>}
        {status?.state === 'cancelled' && <p className="muted">{t.dossier.cancelled}</p>}
        {job.running && (
          <div className="import-progress" role="status" aria-live="polite">
            <ProgressLine
              label={progress ? t.dossier.phase(progress.phase, progress.done, progress.total) : t.dossier.starting}
              done={progress?.done ?? 0}
              total={progress?.total ?? 0}
              testId="dossier-progress"
            />
          </div>
        )}
        {result && (
          <div className="message message-info" role="status" data-testid="dossier-result">
            <p className="strong">{t.dossier.done(f.number(result.pages), f.number(result.exhibits))}</p>
            <p>
              {t.dossier.file}: <ExportedFileActions file={result} />
            </p>
            <p>
              SHA-256: <code className="hash break">{result.sha256}</code>
            </p>
            {result.withheld > 0 && <p>{t.dossier.withheld(f.number(result.withheld))}</p>}
            <p className="muted small">{t.dossier.plaintextNote}</p>
          </div>
        )}
        <div className="actions">
          {job.running ? (
            <button type="button" className="button button-secondary" onClick={() => void job.cancel()}>
              {t.dossier.cancel}
            </button>
          ) : (
            <>
              <button type="submit" className="button button-primary" disabled={!destination}>
                {result ? t.dossier.again : t.dossier.start}
              </button>
              {onClose && (
                <button type="button" className="button button-secondary" onClick={onClose}>
                  {t.dossier.close}
                </button>
              )}
            </>
          )}
        </div>
      </form>
    </section>
  );
}
