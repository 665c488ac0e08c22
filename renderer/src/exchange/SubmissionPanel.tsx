import { useMemo, useState, type FormEvent } from 'react';
import type { SubmissionResultView } from '../../../shared/app-model.ts';
import { CASE_STATUSES, type DossierLanguage } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useJob } from '../api/useJob.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field, SelectField } from '../ui/fields.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';
import { JobProgress } from '../ui/JobProgress.tsx';
import { useCases } from './useCases.ts';

/** A multi-case submission: cases chosen by status, article and region, exported as one signed PDF. */
export function SubmissionPanel() {
  const { t } = useI18n();
  const m = t.app.exchange.submission;
  const api = getApi();
  const job = useJob();
  const { cases, error } = useCases();
  const [filter, setFilter] = useState({ status: '', article: '', region: '' });
  const [form, setForm] = useState({ title: '', language: 'en', confidential: false });
  const [destination, setDestination] = useState<ChosenDestination | null>(null);

  const chosen = useMemo(
    () =>
      cases.filter(
        (c) =>
          (!filter.status || c.status === filter.status) &&
          (!filter.article.trim() || c.articles.includes(filter.article.trim())) &&
          (!filter.region.trim() || (c.region ?? '').toLowerCase().includes(filter.region.trim().toLowerCase())),
      ),
    [cases, filter],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!destination) return;
    void job.start(() =>
      api['submission.export']({
        caseIds: chosen.map((c) => c.id),
        destination: destination.destination,
        language: form.language as DossierLanguage,
        includeConfidential: form.confidential,
        ...(form.title.trim() ? { title: form.title.trim() } : {}),
      }),
    );
  };
  const result = job.status?.state === 'done' ? (job.status.result as SubmissionResultView) : null;

  return (
    <section className="exchange-panel" data-testid="submission-panel">
      <h2>{m.title}</h2>
      <p className="muted small">{m.intro}</p>
      <form onSubmit={submit} noValidate autoComplete="off">
        <fieldset disabled={job.running} className="form-grid">
          <SelectField
            label={m.filterStatus}
            value={filter.status}
            onChange={(status) => setFilter({ ...filter, status })}
            options={[{ value: '', label: m.any }, ...CASE_STATUSES.map((s) => ({ value: s, label: t.labels.status[s] }))]}
          />
          <Field label={m.filterArticle} value={filter.article} onChange={(article) => setFilter({ ...filter, article })} />
          <Field label={m.filterRegion} value={filter.region} onChange={(region) => setFilter({ ...filter, region })} />
          <p className="field-wide strong" data-testid="submission-count">
            {m.chosen(chosen.length)}
          </p>
          <Field label={m.docTitle} value={form.title} onChange={(title) => setForm({ ...form, title })} className="field-wide" />
          <SelectField
            label={m.language}
            value={form.language}
            onChange={(language) => setForm({ ...form, language })}
            options={[
              { value: 'en', label: 'English' },
              { value: 'ru', label: 'Русский' },
              { value: 'kk', label: 'Қазақша' },
            ]}
          />
          <label className="check field-wide">
            <input
              type="checkbox"
              checked={form.confidential}
              onChange={(event) => setForm({ ...form, confidential: event.target.checked })}
            />{' '}
            {m.confidential}
          </label>
          <DestinationPicker label={t.app.common.folder} value={destination} onChange={setDestination} />
        </fieldset>
        <JobProgress status={job.status} error={job.error} onCancel={() => void job.cancel()} />
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {result && (
          <div className="message message-success" role="status" data-testid="submission-result">
            <p>{m.done(result.pages, result.cases)}</p>
            <ExportedFileActions file={result} />
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={job.running || chosen.length === 0 || !destination}>
            {m.export}
          </button>
        </div>
      </form>
    </section>
  );
}
