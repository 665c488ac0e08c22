import { useId, useRef, useState, type FormEvent } from 'react';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import type { RestoreResult } from '../../../shared/replica.ts';
import type { ApiError } from '../../../shared/result.ts';
import { getApi } from '../api/client.ts';
import { useJob } from '../api/useJob.ts';
import { useI18n } from '../i18n/index.tsx';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { describeError } from '../ui/errors.ts';
import { Field, SubmitButton } from '../ui/fields.tsx';
import { JobProgress } from '../ui/JobProgress.tsx';
import { PassphraseField } from '../vault/PassphraseField.tsx';
import { RestoreResultView } from './RestoreResultView.tsx';
import './replica.css';

/** Which choices are missing; their sentences are read at render, in the language shown then. */
type Problems = { replica?: boolean; into?: boolean; secret?: boolean };

/**
 * The first-run screen's "Restore from a replica": the replica folder and an empty folder for the
 * new vault from the folder picker (which works before any vault is unlocked), the passphrase or
 * the recovery key; the restore runs as a job (copying, then checking) and the result opens the
 * restored vault with the same secret.
 */
export function RestoreReplica({ onOpened }: { onOpened: () => void }) {
  const { t } = useI18n();
  const m = t.replica.restore;
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <section className="vault-chooser replica-restore" aria-labelledby={`${id}-title`} data-testid="replica-restore">
      <h2 id={`${id}-title`}>{m.title}</h2>
      <p className="muted small">{m.intro}</p>
      {shown ? (
        <RestoreForm onOpened={onOpened} />
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setShown(true)}>
          {m.show}
        </button>
      )}
    </section>
  );
}

function RestoreForm({ onOpened }: { onOpened: () => void }) {
  const { t } = useI18n();
  const m = t.replica.restore;
  const api = getApi();
  const job = useJob();
  const [replica, setReplica] = useState<ChosenDestination | null>(null);
  const [into, setInto] = useState<ChosenDestination | null>(null);
  const [recovery, setRecovery] = useState(false);
  const [secret, setSecret] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<ApiError | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);

  const failed = job.status?.state === 'failed' ? job.status.error : null;
  const wrongSecret = failed?.kind === 'wrong-passphrase' ? (recovery ? t.unlock.wrongRecoveryKey : t.unlock.wrongPassphrase) : null;
  const emptySecret = recovery ? t.unlock.emptyRecovery : t.unlock.empty;
  const secretError = problems.secret ? emptySecret : wrongSecret;
  const result = job.status?.state === 'done' ? (job.status.result as RestoreResult) : null;
  const unlocker = () => (recovery ? { recoveryKey: secret } : { passphrase: secret });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (job.running) return;
    const found: Problems = { replica: !replica, into: !into, secret: !secret.trim() };
    setProblems(found);
    if (!replica || !into || found.secret) {
      if (found.secret && replica && into) secretRef.current?.focus();
      return;
    }
    void job.start(() => api['replica.restore']({ replica: replica.destination, into: into.destination, ...unlocker() }));
  };

  const open = async () => {
    if (!into) return;
    setOpenError(null);
    setOpening(true);
    const opened = await api['vault.open']({ chosen: into.destination });
    const unlocked = opened.ok ? await api['vault.unlock'](unlocker()) : opened;
    setOpening(false);
    if (!unlocked.ok) return setOpenError(unlocked.error);
    setSecret('');
    onOpened();
  };

  if (result)
    return (
      <RestoreResultView result={result} onOpen={() => void open()} opening={opening} error={openError && describeError(t, openError)} />
    );

  const edited = (next: Problems) => {
    setProblems({ ...problems, ...next });
    if (!job.running) job.reset();
  };
  return (
    <form onSubmit={submit} noValidate aria-busy={job.running} data-testid="restore-form">
      <fieldset disabled={job.running}>
        <DestinationPicker
          label={m.replica}
          purpose="restore"
          value={replica}
          error={problems.replica ? m.needReplica : null}
          onChange={(chosen) => {
            setReplica(chosen);
            edited({ replica: false });
          }}
        />
        <DestinationPicker
          label={m.into}
          purpose="vault"
          value={into}
          error={problems.into ? m.needInto : null}
          onChange={(chosen) => {
            setInto(chosen);
            edited({ into: false });
          }}
        />
        {recovery ? (
          <Field
            key="recovery"
            label={t.unlock.recoveryKey}
            value={secret}
            onChange={(value) => {
              setSecret(value);
              edited({ secret: false });
            }}
            hint={t.unlock.recoveryHint}
            error={secretError}
            inputRef={secretRef}
            monospace
            required
          />
        ) : (
          <PassphraseField
            key="passphrase"
            label={m.passphrase}
            value={secret}
            onChange={(value) => {
              setSecret(value);
              edited({ secret: false });
            }}
            error={secretError}
            inputRef={secretRef}
          />
        )}
      </fieldset>
      {!wrongSecret && <JobProgress status={job.status} error={job.error} onCancel={() => void job.cancel()} />}
      <div className="actions actions-split">
        <button
          type="button"
          className="button button-link"
          disabled={job.running}
          onClick={() => {
            setRecovery(!recovery);
            setSecret('');
            edited({ secret: false });
          }}
        >
          {recovery ? t.unlock.usePassphrase : t.unlock.useRecoveryKey}
        </button>
        <SubmitButton busy={job.running} label={m.submit} busyLabel={m.running} />
      </div>
    </form>
  );
}
