import { useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { revealDirectionControls } from '../ui/bidi.ts';
import { describeError } from '../ui/errors.ts';
import { ProgressLine } from '../ui/feedback.tsx';
import { SafeName } from '../ui/text.tsx';
import { z } from 'zod';
import { Acquisition, ItemMetadata } from '../../../shared/schemas.ts';
import { parseUserDate } from '../case/forms/dates.ts';
import { validate, type FieldErrors } from '../case/forms/validate.ts';
import { emptyDraft, FileDetails, type FileDraft } from './FileDetails.tsx';
import { suggestType } from './suggest-type.ts';
import { uploadFiles, type UploadOutcome, type UploadProgress } from './upload.ts';

/** One file's details as the engine's import takes them (the shared schemas). */
const FileRequest = z.object({ metadata: ItemMetadata, acquisition: Acquisition }).strict();

type Phase = { step: 'choose' } | { step: 'running'; progress: UploadProgress | null } | { step: 'done' };

/**
 * Adding evidence to a case: files by drag and drop or a picker, the acquisition record (from whom,
 * how, when, by whom) that goes into the custody log, then a progress bar per file and in total,
 * cancel, and a summary that gives the reason for every file that did not go in.
 */
export function ImportPanel({ caseId, onClose, onImported }: { caseId: string; onClose: () => void; onImported: () => void }) {
  const { t, f } = useI18n();
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const [form, setForm] = useState({
    obtainedFrom: '',
    method: '',
    obtainedAt: '',
    obtainedBy: '',
    confidentiality: 'public',
  });
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [outcomes, setOutcomes] = useState<UploadOutcome[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<FileDraft[]>([]);
  const [fileErrors, setFileErrors] = useState<FieldErrors[]>([]);
  const abort = useRef<AbortController | null>(null);

  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    const incoming = [...list].filter((file) => !files.some((known) => known.name === file.name && known.size === file.size));
    const types = await Promise.all(incoming.map((file) => suggestType(file)));
    setFiles((known) => [...known, ...incoming]);
    setDrafts((known) => [...known, ...types.map((type) => emptyDraft(type))]);
  };
  const removeFile = (index: number) => {
    setFiles((known) => known.filter((_, i) => i !== index));
    setDrafts((known) => known.filter((_, i) => i !== index));
    setFileErrors([]);
  };
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  /** Each file's request: its own details, the batch's provenance where its own is empty. */
  const requestFor = (index: number, obtainedAt: string | undefined) => {
    const draft = drafts[index] ?? emptyDraft('other');
    return {
      metadata: {
        type: draft.type,
        confidentiality: form.confidentiality as 'public',
        title: optional(draft.title),
        documentDate: draft.documentDate.trim() ? (parseUserDate(draft.documentDate) ?? draft.documentDate) : undefined,
        issuingBody: optional(draft.issuingBody),
        language: optional(draft.language),
      },
      acquisition: {
        obtainedFrom: optional(draft.obtainedFrom) ?? form.obtainedFrom.trim(),
        method: optional(draft.method) ?? form.method.trim(),
        obtainedAt,
        obtainedBy: optional(form.obtainedBy),
      },
    };
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) return setFormError(t.importer.noFiles);
    if (!form.obtainedFrom.trim() || !form.method.trim()) return setFormError(t.importer.acquisitionRequired);
    const obtainedAt = parseUserDate(form.obtainedAt);
    if (obtainedAt === null) return setFormError(t.record.dateInvalid);
    // Every file checked by the same schemas the engine applies, before any byte is sent.
    const checked = files.map((_, index) => validate(FileRequest, requestFor(index, obtainedAt || undefined), t.record));
    setFileErrors(checked.map((result) => (result.ok ? {} : result.errors)));
    if (checked.some((result) => !result.ok)) return setFormError(t.record.fixFiles);
    setFormError(null);
    setOutcomes([]);
    setPhase({ step: 'running', progress: null });
    abort.current = new AbortController();
    const results = await uploadFiles(
      getApi(),
      caseId,
      files,
      (index) => {
        const checkedFile = checked[index]!;
        return checkedFile.ok ? checkedFile.value : requestFor(index, obtainedAt || undefined);
      },
      {
        signal: abort.current.signal,
        onProgress: (progress) => setPhase({ step: 'running', progress }),
        onOutcome: (outcome) => setOutcomes((known) => [...known, outcome]),
      },
    );
    setPhase({ step: 'done' });
    if (results.some((outcome) => outcome.status === 'imported' || outcome.status === 'duplicate')) onImported();
  };

  const field = (name: keyof typeof form, text: string, required = false, type = 'text') => (
    <label className="field">
      <span className="field-label">
        {text}
        {required && <span aria-hidden="true"> *</span>}
      </span>
      <input
        className="input"
        autoComplete="off"
        type={type}
        name={name}
        required={required}
        value={form[name]}
        disabled={phase.step !== 'choose'}
        onChange={(event) => setForm({ ...form, [name]: event.target.value })}
      />
    </label>
  );

  const counts = {
    imported: outcomes.filter((o) => o.status === 'imported').length,
    duplicate: outcomes.filter((o) => o.status === 'duplicate').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    cancelled: outcomes.filter((o) => o.status === 'cancelled').length,
  };
  const progress = phase.step === 'running' ? phase.progress : null;

  return (
    <section className="import-panel" aria-labelledby={`${id}-title`} data-testid="import-panel">
      <h2 id={`${id}-title`}>{t.importer.title}</h2>
      {phase.step === 'choose' && (
        <form onSubmit={(event) => void start(event)} noValidate autoComplete="off">
          <div
            className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p>{t.importer.dropHere}</p>
            <label className="button button-secondary">
              {t.importer.chooseFiles}
              <input
                type="file"
                multiple
                className="visually-hidden"
                data-testid="import-input"
                onChange={(event) => {
                  void addFiles(event.target.files);
                  event.target.value = '';
                }}
              />
            </label>
          </div>
          {files.length > 0 && (
            <ul className="import-files" aria-label={t.record.fileDetails}>
              {files.map((file, index) => (
                <li key={`${file.name}-${file.size}`} data-testid="import-file">
                  <SafeName className="break" text={file.name} /> <span className="muted small">{f.bytes(file.size)}</span>{' '}
                  <button
                    type="button"
                    className="button button-link button-small"
                    onClick={() => removeFile(index)}
                    aria-label={t.importer.remove(revealDirectionControls(file.name))}
                  >
                    ✕
                  </button>
                  {drafts[index] && (
                    <FileDetails
                      draft={drafts[index]}
                      errors={fileErrors[index] ?? {}}
                      batch={form}
                      onChange={(patch) => setDrafts((known) => known.map((d, i) => (i === index ? { ...d, ...patch } : d)))}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          <fieldset className="fieldset">
            <legend>{t.importer.acquisition}</legend>
            <p className="muted small">{t.importer.acquisitionHint}</p>
            <div className="form-grid">
              {field('obtainedFrom', t.importer.obtainedFrom, true)}
              {field('method', t.importer.method, true)}
              {field('obtainedAt', t.importer.obtainedAt)}
              {field('obtainedBy', t.importer.obtainedBy)}
              <label className="field">
                <span className="field-label">{t.caseView.columnConfidentiality}</span>
                <select
                  className="input"
                  value={form.confidentiality}
                  onChange={(event) => setForm({ ...form, confidentiality: event.target.value })}
                >
                  {Object.entries(t.labels.confidentiality).map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
          {formError && (
            <p className="message message-error" role="alert">
              {formError}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t.importer.start(files.length)}
            </button>
            <button type="button" className="button button-secondary" onClick={onClose}>
              {t.importer.close}
            </button>
          </div>
        </form>
      )}
      {phase.step === 'running' && (
        <div className="import-progress" role="status" aria-live="polite">
          <ProgressLine
            label={t.importer.total(f.bytes(progress?.doneBytes ?? 0), f.bytes(progress?.totalBytes ?? 0))}
            done={progress?.doneBytes ?? 0}
            total={progress?.totalBytes ?? 0}
            testId="import-total"
          />
          {progress && (
            <ProgressLine
              label={
                <>
                  {t.importer.fileOf(progress.fileIndex + 1, progress.fileCount)}: <SafeName text={files[progress.fileIndex]?.name ?? ''} />
                </>
              }
              done={progress.fileBytes}
              total={progress.fileSize}
            />
          )}
          <button type="button" className="button button-secondary" onClick={() => abort.current?.abort()}>
            {t.importer.cancel}
          </button>
        </div>
      )}
      {outcomes.length > 0 && (
        <div className="import-summary" data-testid="import-summary">
          {phase.step === 'done' && (
            <p className="strong" role="status">
              {t.importer.summary(counts.imported, counts.duplicate, counts.failed, counts.cancelled)}
            </p>
          )}
          <ul className="import-outcomes">
            {outcomes.map((outcome, index) => (
              <li key={index} className={`outcome outcome-${outcome.status}`}>
                <SafeName className="break" text={outcome.name} /> — {t.importer.status[outcome.status]}
                {outcome.status === 'failed' && (
                  <span className="block small">{outcome.error ? describeError(t, outcome.error) : outcome.reason}</span>
                )}
                {(outcome.status === 'imported' || outcome.status === 'duplicate') && (
                  <code className="hash small block">{outcome.sha256}</code>
                )}
              </li>
            ))}
          </ul>
          {phase.step === 'done' && (
            <div className="actions">
              <button type="button" className="button button-primary" onClick={onClose}>
                {t.importer.done}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
