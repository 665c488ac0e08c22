import { useId, useState } from 'react';
import type { Responses } from '../../../shared/contract.ts';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { ExportedFileActions } from '../ui/ExportedFileActions.tsx';

/** `custodia log export` in the window: the signed custody log to a picked folder, with Open / Show in folder. */
export function LogExport({ onExported }: { onExported: () => void }) {
  const { t } = useI18n();
  const m = t.app.logExport;
  const api = getApi();
  const id = useId();
  const [destination, setDestination] = useState<ChosenDestination | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Responses['log.export'] | null>(null);

  const run = async () => {
    if (!destination) return;
    setError(null);
    setBusy(true);
    const result = await api['log.export']({ destination: destination.destination });
    setBusy(false);
    if (!result.ok) return setError(describeError(t, result.error));
    setDone(result.value);
    onExported();
  };

  return (
    <section className="log-export" aria-labelledby={`${id}-title`} data-testid="log-export">
      <h2 id={`${id}-title`}>{m.title}</h2>
      <p className="muted small">{m.intro}</p>
      <DestinationPicker label={m.folder} value={destination} onChange={setDestination} />
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {done && (
        <div className="message message-success" role="status" data-testid="log-exported">
          <p>{m.done(done.events, done.checkpointSeq)}</p>
          <ExportedFileActions file={done} />
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button-secondary" disabled={busy || !destination} onClick={() => void run()}>
          {m.export}
        </button>
      </div>
    </section>
  );
}
