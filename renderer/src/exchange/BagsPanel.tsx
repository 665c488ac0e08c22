import type { CaseSummary } from '../../../shared/model.ts';
import { useState, type FormEvent } from 'react';
import type { BagCheckView, BagExportView, BagImportView } from '../../../shared/app-model.ts';
import { getApi } from '../api/client.ts';
import { useJob } from '../api/useJob.ts';
import { useI18n } from '../i18n/index.tsx';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';
import { JobProgress } from '../ui/JobProgress.tsx';
import { CaseChoice } from '../cases/CaseChoice.tsx';

/** BagIt for archives: export a case (or all), check a bag someone gave you, import a valid one. */
export function BagsPanel() {
  const { t } = useI18n();
  const m = t.app.exchange.bags;
  const api = getApi();
  const exporting = useJob();
  const checking = useJob();
  const importing = useJob();
  const [out, setOut] = useState<{ caseId: string; destination: ChosenDestination | null }>({ caseId: '', destination: null });
  const [bag, setBag] = useState<ChosenDestination | null>(null);
  const [into, setInto] = useState('');

  const exported = exporting.status?.state === 'done' ? (exporting.status.result as BagExportView) : null;
  const checked = checking.status?.state === 'done' ? (checking.status.result as BagCheckView) : null;
  const imported = importing.status?.state === 'done' ? (importing.status.result as BagImportView) : null;

  const startExport = (event: FormEvent) => {
    event.preventDefault();
    const destination = out.destination?.destination;
    if (destination) void exporting.start(() => api['bag.export']({ ...(out.caseId ? { caseId: out.caseId } : {}), destination }));
  };

  return (
    <div className="exchange-panels">
      <section className="exchange-panel" data-testid="bag-export">
        <h2>{m.exportTitle}</h2>
        <p className="muted small">{m.exportIntro}</p>
        <form onSubmit={startExport} noValidate autoComplete="off">
          <fieldset disabled={exporting.running} className="form-grid">
            <CaseChoice
              label={m.scope}
              none={m.allCases}
              value={out.caseId}
              onChange={(caseId) => setOut({ ...out, caseId })}
              labelOf={withReference}
            />
            <DestinationPicker
              label={t.app.common.folder}
              value={out.destination}
              onChange={(destination) => setOut({ ...out, destination })}
            />
          </fieldset>
          <JobProgress status={exporting.status} error={exporting.error} onCancel={() => void exporting.cancel()} />
          {exported && (
            <div className="message message-success" role="status" data-testid="bag-exported">
              <p>{m.exported(exported.files)}</p>
              <ExportedFileActions file={{ file: exported.dir, output: exported.output }} />
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={exporting.running || !out.destination}>
              {m.export}
            </button>
          </div>
        </form>
      </section>

      <section className="exchange-panel" data-testid="bag-check">
        <h2>{m.checkTitle}</h2>
        <p className="muted small">{m.checkIntro}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (bag) void checking.start(() => api['bag.verify']({ bag: bag.destination }));
          }}
          noValidate
          autoComplete="off"
        >
          <fieldset disabled={checking.running || importing.running}>
            <DestinationPicker label={m.bagFolder} value={bag} onChange={setBag} purpose="bag" />
          </fieldset>
          <JobProgress status={checking.status} error={checking.error} onCancel={() => void checking.cancel()} />
          {checked && (
            <div className={checked.ok ? 'message message-success' : 'message message-error'} role="status" data-testid="bag-check-result">
              <p className="strong">{checked.ok ? m.valid(checked.files) : m.invalid(checked.problems.length)}</p>
              {checked.custody && <p>{m.signedBy(checked.custody.contact ?? m.unknownKey)}</p>}
              <ul className="problems">
                {checked.problems.slice(0, 20).map((problem, index) => (
                  <li key={index} className="break">
                    {problem.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button button-secondary" disabled={checking.running || !bag}>
              {t.app.common.check}
            </button>
          </div>
        </form>
        <h2>{m.importTitle}</h2>
        <p className="muted small">{m.importIntro}</p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (bag) void importing.start(() => api['bag.import']({ bag: bag.destination, ...(into ? { caseId: into } : {}) }));
          }}
          noValidate
        >
          <fieldset disabled={importing.running} className="form-grid">
            <CaseChoice label={m.intoCase} none={m.newCase} value={into} onChange={setInto} labelOf={withReference} />
          </fieldset>
          <JobProgress status={importing.status} error={importing.error} onCancel={() => void importing.cancel()} />
          {imported && (
            <p className="message message-success" role="status" data-testid="bag-imported">
              {imported.alreadyImported ? m.already : m.imported(imported.imported)}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={importing.running || !bag}>
              {m.import}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}

/** A case named with its reference, since titles of cases in a bag often repeat. */
const withReference = (c: CaseSummary) => (c.reference ? `${c.title} (${c.reference})` : c.title);
