import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { UsersView } from '../../../shared/app-model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from '../ui/errors.ts';
import { Field } from '../ui/fields.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';

/** Settings → who works in this vault: the custody log's actor and the dossier's "Prepared by". */
export function UsersSection() {
  const { t } = useI18n();
  const api = getApi();
  const id = useId();
  const [view, setView] = useState<UsersView | null>(null);
  const [form, setForm] = useState<{ id?: string; name: string; role: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const answer = useCallback(
    (result: Awaited<ReturnType<(typeof api)['users.list']>>) => {
      if (!result.ok) return setError(describeError(t, result.error));
      setError(null);
      setView(result.value);
      // Nobody named yet: the form is open for the first person.
      if (result.value.users.length === 0) setForm({ name: '', role: '' });
    },
    [t],
  );

  useEffect(() => {
    void api['users.list']({}).then(answer);
  }, [api, answer]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const result = await api['users.save']({ ...(form.id ? { id: form.id } : {}), name: form.name, role: form.role });
    answer(result);
    if (result.ok) {
      setForm(null);
      setSaved(true);
    }
  };

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`} data-testid="users-section">
      <h3 id={`${id}-title`}>{t.app.users.title}</h3>
      <p className="muted small">{t.app.users.intro}</p>
      {view && (
        <ul className="user-list">
          {view.users.map((user) => (
            <li key={user.id}>
              <strong>{user.name}</strong>
              {user.role && <span className="muted">, {user.role}</span>}{' '}
              <span className="muted small" data-testid="user-key">
                {t.app.users.ownKey} <code>{user.fingerprint}</code>
              </span>{' '}
              {user.current ? (
                <span className="badge">{t.app.users.atKeyboard}</span>
              ) : (
                <button type="button" className="button button-link" onClick={() => void api['users.select']({ id: user.id }).then(answer)}>
                  {t.app.users.switchTo}
                </button>
              )}{' '}
              <button
                type="button"
                className="button button-link"
                onClick={() => setForm({ id: user.id, name: user.name, role: user.role })}
              >
                {t.app.users.edit}
              </button>
            </li>
          ))}
        </ul>
      )}
      {form ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="form-grid">
          <Field label={t.app.user.name} value={form.name} onChange={(name) => setForm({ ...form, name })} maxLength={200} />
          <Field label={t.app.user.role} value={form.role} onChange={(role) => setForm({ ...form, role })} maxLength={100} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={!form.name.trim()}>
              {t.app.common.save}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button-secondary button-small" onClick={() => setForm({ name: '', role: '' })}>
          {t.app.users.add}
        </button>
      )}
      {saved && !form && (
        <p className="message message-success" role="status">
          {t.app.users.saved}
        </p>
      )}
      {view && (
        <p className="muted small" data-testid="signing-key">
          {t.app.users.signingKey} <code>{view.fingerprint}</code>
        </p>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </section>
  );
}
