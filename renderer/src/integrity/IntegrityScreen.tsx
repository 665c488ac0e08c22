import { useCallback, useEffect, useId, useReducer, useState, type FormEvent } from 'react';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import type { AuditResult } from '../../../shared/model.ts';
import { IntegrityFailure, type IntegrityView } from './IntegrityFailure.tsx';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useJob } from '../api/useJob.ts';
import { onVaultSettled } from '../api/vault-changes.ts';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { LogExport } from './LogExport.tsx';
import { VaultLog } from './VaultLog.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';
import { ErrorMessage, Loading, ProgressLine } from '../ui/feedback.tsx';

const SCHEDULES = [0, 7, 30, 90, 180, 365] as const;

/**
 * The archivist's integrity dashboard: when the vault was last audited and with what result, how
 * often a full audit is due (nagging when it is overdue), and running one — full or a random
 * sample — with progress, throughput and time left, saving the report as JSON and PDF.
 */
export function IntegrityScreen({
  onSummary,
  onOpenCase,
}: {
  onSummary: (summary: IntegrityView) => void;
  onOpenCase: (caseId: string) => void;
}) {
  const { t, f } = useI18n();
  const api = getApi();
  const id = useId();
  const fail = useFailure();
  const job = useJob();
  const [summary, setSummary] = useState<IntegrityView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ sample: false, percent: '5', save: false });
  const [destination, setDestination] = useState<ChosenDestination | null>(null);
  // Bumped after what the custody log records (an audit, an export of the log), so its page is read again.
  const [logVersion, logChanged] = useReducer((n: number) => n + 1, 0);

  const load = useCallback(async () => {
    const result = await api['integrity.summary']({});
    if (!result.ok) return fail(result.error, setError);
    setSummary(result.value);
    onSummary(result.value);
    logChanged();
  }, [api, fail, onSummary]);

  useEffect(() => {
    void load();
  }, [load]);
  // An import or a job that ends while the screen is open changes what is due and what the log holds.
  useEffect(() => onVaultSettled(() => void load()), [load]);

  const state = job.status?.state;
  useEffect(() => {
    if (state === 'done' || state === 'failed') void load();
  }, [state, load]);

  const setSchedule = async (everyDays: number) => {
    const result = await api['integrity.schedule']({ everyDays });
    if (!result.ok) return fail(result.error, setError);
    setSummary(result.value);
    onSummary(result.value);
  };

  const run = (event: FormEvent) => {
    event.preventDefault();
    const percent = Number(form.percent);
    void job.start(() =>
      api['integrity.audit']({
        ...(form.sample ? { sample: Number.isFinite(percent) ? percent : 5 } : {}),
        ...(form.save && destination ? { destination: destination.destination } : {}),
      }),
    );
  };

  const progress = job.status?.state === 'running' ? job.status.progress : null;
  const result = job.status?.state === 'done' ? (job.status.result as AuditResult) : null;
  const last = summary?.lastAudit;

  return (
    <Card title={t.integrity.title}>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {!summary && !error && <Loading label={t.integrity.loading} />}
      {summary?.failure && (
        <IntegrityFailure
          failure={summary.failure}
          onOpenCase={onOpenCase}
          onChanged={(view) => {
            setSummary(view);
            onSummary(view);
          }}
        />
      )}
      {summary && (
        <>
          {summary.overdue && (
            <p className="message message-warning" role="alert" data-testid="audit-overdue">
              {last ? t.integrity.overdue(f.date(last.time)) : t.integrity.never}
            </p>
          )}
          <dl className="facts" data-testid="last-audit">
            <dt>{t.integrity.lastAudit}</dt>
            <dd>
              {last ? (
                <>
                  <span className={last.ok ? 'ok' : 'bad'}>{last.ok ? `✓ ${t.integrity.intact}` : `✗ ${t.integrity.problems}`}</span>{' '}
                  {t.integrity.lastAuditDetail(
                    f.dateTime(last.time),
                    last.mode === 'full' ? t.integrity.full : t.integrity.sample,
                    last.actor,
                  )}
                </>
              ) : (
                t.integrity.noAudit
              )}
            </dd>
            <dt>{t.integrity.nextDue}</dt>
            <dd>{summary.dueAt ? f.date(summary.dueAt) : t.integrity.noSchedule}</dd>
          </dl>
          <div className="field">
            <label htmlFor={`${id}-schedule`}>{t.integrity.schedule}</label>
            <select
              id={`${id}-schedule`}
              className="input"
              value={summary.everyDays}
              onChange={(event) => void setSchedule(Number(event.target.value))}
            >
              {[...new Set([...SCHEDULES, summary.everyDays])].map((days) => (
                <option key={days} value={days}>
                  {days === 0 ? t.integrity.scheduleOff : t.integrity.everyDays(days)}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <form onSubmit={run} noValidate autoComplete="off" className="audit-form">
        <h2>{t.integrity.runTitle}</h2>
        <fieldset disabled={job.running} className="form-grid">
          <label className="check field-wide">
            <input type="checkbox" checked={form.sample} onChange={(event) => setForm({ ...form, sample: event.target.checked })} />{' '}
            {t.integrity.sampleLabel}
          </label>
          {form.sample && (
            <label className="field">
              <span className="field-label">{t.integrity.percent}</span>
              <input
                className="input"
                type="number"
                min={0.1}
                max={100}
                step={0.1}
                value={form.percent}
                onChange={(event) => setForm({ ...form, percent: event.target.value })}
              />
            </label>
          )}
          <label className="check field-wide">
            <input type="checkbox" checked={form.save} onChange={(event) => setForm({ ...form, save: event.target.checked })} />{' '}
            {t.integrity.saveReport}
          </label>
          {form.save && <DestinationPicker label={t.dossier.folder} value={destination} onChange={setDestination} />}
        </fieldset>
        {job.error && <ErrorMessage>{job.error}</ErrorMessage>}
        {job.status?.state === 'failed' && job.status.error && <ErrorMessage>{describeError(t, job.status.error)}</ErrorMessage>}
        {job.status?.state === 'cancelled' && <p className="muted">{t.integrity.cancelled}</p>}
        {job.running && (
          <div className="import-progress" role="status" aria-live="polite">
            <ProgressLine
              label={
                progress
                  ? t.integrity.progress(
                      f.bytes(progress.done),
                      f.bytes(progress.total),
                      f.number(Math.round((progress.bytesPerSecond ?? 0) / 1e6)),
                      progress.etaSeconds ?? null,
                    )
                  : t.integrity.starting
              }
              done={progress?.done ?? 0}
              total={progress?.total ?? 0}
              testId="audit-progress"
            />
          </div>
        )}
        {result && (
          <div className={result.ok ? 'message message-info' : 'message message-error'} role="status" data-testid="audit-result">
            <p className="strong">
              {result.ok
                ? t.integrity.resultOk(f.number(result.blobs), f.bytes(result.bytes), f.number(result.events))
                : t.integrity.resultBad(f.number(result.problems.length))}
            </p>
            {result.problems.length > 0 && (
              <ul className="problems">
                {result.problems.map((problem, index) => (
                  <li key={index}>
                    <code>{problem.kind}</code> {problem.message}
                  </li>
                ))}
              </ul>
            )}
            <p className="muted small">{t.integrity.recorded(result.auditEvent)}</p>
            {result.reports && (
              <div className="small">
                {t.integrity.reportsSaved}:
                <p>
                  <ExportedFileActions file={result.reports.pdf} />
                </p>
                <p>
                  <ExportedFileActions file={result.reports.json} />
                </p>
              </div>
            )}
          </div>
        )}
        <div className="actions">
          {job.running ? (
            <button type="button" className="button button-secondary" onClick={() => void job.cancel()}>
              {t.integrity.cancel}
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={form.save && !destination}>
              {form.sample ? t.integrity.runSample : t.integrity.runFull}
            </button>
          )}
        </div>
      </form>
      <LogExport onExported={logChanged} />
      <VaultLog version={logVersion} />
    </Card>
  );
}
