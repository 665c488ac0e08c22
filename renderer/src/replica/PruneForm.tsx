import { useState, type FormEvent } from 'react';
import type { ReplicaView } from '../../../shared/replica.ts';
import type { ApiError } from '../../../shared/result.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { Field } from '../ui/fields.tsx';

const MAX_KEEP = 10_000;

/** Settings → Replica → Old states: how many to keep, then an explicit "Remove them" (the custody log records it). */
export function PruneForm({ onPruned }: { onPruned: (view: ReplicaView) => void }) {
  const { t, f } = useI18n();
  const m = t.replica.prune;
  const [keep, setKeep] = useState('10');
  // What to say is kept as facts and worded at render, so a language switch rewords it too.
  const [invalid, setInvalid] = useState(false);
  const [asking, setAsking] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ states: number; chunks: number } | null>(null);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setError(null);
    const count = Number(keep.trim());
    if (!/^\d+$/.test(keep.trim()) || count < 1 || count > MAX_KEEP) return setInvalid(true);
    setInvalid(false);
    setAsking(count);
  };

  const prune = async (count: number) => {
    setBusy(true);
    const result = await getApi()['replica.prune']({ keep: count, confirm: true });
    setBusy(false);
    setAsking(null);
    if (!result.ok) return setError(result.error);
    const { removed, ...view } = result.value;
    setDone(removed);
    onPruned(view);
  };

  return (
    <form className="replica-prune" onSubmit={ask} noValidate data-testid="replica-prune">
      <h4>{m.title}</h4>
      <p className="muted small">{m.intro}</p>
      <fieldset disabled={busy || asking !== null}>
        <Field
          label={m.keep}
          value={keep}
          onChange={(value) => {
            setKeep(value);
            setInvalid(false);
          }}
          hint={m.keepHint}
          error={invalid ? m.keepInvalid : null}
          className="field-short"
          maxLength={6}
        />
        <button type="submit" className="button button-secondary button-small">
          {m.submit}
        </button>
      </fieldset>
      {asking !== null && (
        <div className="message message-warning replica-confirm" role="alertdialog" aria-label={m.title}>
          <p>{m.confirm(f.number(asking))}</p>
          <div className="actions actions-start">
            <button type="button" className="button button-primary button-small" disabled={busy} onClick={() => void prune(asking)}>
              {m.yes}
            </button>
            <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => setAsking(null)}>
              {m.no}
            </button>
          </div>
        </div>
      )}
      {done && (
        <p className="message message-info" role="status">
          {m.done(f.number(done.states), f.number(done.chunks))}
        </p>
      )}
      {error && <ErrorMessage>{describeError(t, error)}</ErrorMessage>}
    </form>
  );
}
