import { useId, useState } from 'react';
import type { ApiError } from '../../../shared/result.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage, Loading } from '../ui/feedback.tsx';
import { useFolderPicker } from '../ui/useFolderPicker.tsx';
import { PruneForm } from './PruneForm.tsx';
import { SyncthingView } from './SyncthingView.tsx';
import { useReplicaStatus } from './useReplicaStatus.ts';
import './replica.css';

/**
 * Settings → Replica: where the vault writes its replica, how far it has got, the last failure in
 * one line, and Syncthing's view; choosing the folder (through the folder picker) and pruning.
 */
export function ReplicaSection() {
  const { t, f } = useI18n();
  const m = t.replica;
  const id = useId();
  const { view, error: readError, refresh, show } = useReplicaStatus(10_000);
  const picker = useFolderPicker('replica');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [designated, setDesignated] = useState(false);

  const choose = async () => {
    setError(null);
    setDesignated(false);
    const chosen = await picker.pick();
    if (!chosen) return;
    setBusy(true);
    const result = await getApi()['replica.designate']({ destination: chosen.destination });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    show(result.value);
    setDesignated(true);
  };

  return (
    <section className="settings-section replica-section" aria-labelledby={`${id}-title`} data-testid="replica-section">
      <h3 id={`${id}-title`}>{m.title}</h3>
      <p className="muted small">{m.intro}</p>
      {!view && (readError ? <ErrorMessage>{describeError(t, readError)}</ErrorMessage> : <Loading label={t.busy} />)}
      {view && (
        <dl className="facts replica-facts">
          <dt>{m.folder}</dt>
          <dd data-testid="replica-folder">{view.dir ? <code className="break">{view.dir}</code> : m.none}</dd>
          {view.dir && (
            <>
              <dt>{m.state}</dt>
              <dd data-testid="replica-state">{m.stateValue(f.number(view.generation), f.number(view.seq))}</dd>
              <dt>{m.lastWritten}</dt>
              <dd data-testid="replica-written">
                {view.lastWrittenAt ? `${f.dateTime(view.lastWrittenAt)} (${f.ago(view.lastWrittenAt)})` : m.notYet}
              </dd>
              {view.error && (
                <>
                  <dt>{m.lastError}</dt>
                  <dd className="replica-error" title={view.error} data-testid="replica-error">
                    {view.error}
                  </dd>
                </>
              )}
              <dt>{m.syncthing.title}</dt>
              <dd>{view.syncthing && <SyncthingView report={view.syncthing} />}</dd>
            </>
          )}
        </dl>
      )}
      <div className="actions actions-start">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void choose()}
        >
          {busy ? m.choosing : view?.dir ? m.change : m.choose}
        </button>
        {view?.dir && (
          <button type="button" className="button button-quiet button-small" disabled={busy} onClick={() => void refresh()}>
            {m.refresh}
          </button>
        )}
      </div>
      {designated && (
        <p className="message message-info" role="status">
          {m.designated}
        </p>
      )}
      {error && <ErrorMessage>{describeError(t, error)}</ErrorMessage>}
      {picker.error && <ErrorMessage>{picker.error}</ErrorMessage>}
      {picker.dialog}
      {view?.dir && <PruneForm onPruned={show} />}
    </section>
  );
}
