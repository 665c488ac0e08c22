import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import type { CaseSummary, VaultState } from '../../shared/model.ts';
import type { ApiError } from '../../shared/result.ts';
import { getApi, isLocalError } from './api.ts';
import { strings } from './strings.ts';

type View =
  | { kind: 'loading' }
  | { kind: 'load-error'; message: string }
  | { kind: 'missing' }
  | { kind: 'recovery'; recoveryKey: string }
  | { kind: 'locked' }
  | { kind: 'unlocked' };

const MIN_PASSPHRASE = 8;

function viewFor(state: VaultState): View {
  if (state === 'unlocked') return { kind: 'unlocked' };
  if (state === 'locked') return { kind: 'locked' };
  return { kind: 'missing' };
}

/** One sentence for the user: errors made by the client are already worded; engine errors get a plain lead-in. */
export function describeError(error: ApiError): string {
  if (isLocalError(error)) return error.message;
  const lead = strings.errors.byKind[error.kind] ?? strings.errors.byKind.internal;
  return `${lead}: ${error.message}`;
}

export function App() {
  const api = getApi();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [folder, setFolder] = useState<string | null>(null);
  const [locking, setLocking] = useState(false);

  const refresh = useCallback(async () => {
    const result = await api['vault.status']({});
    if (!result.ok) {
      setView({ kind: 'load-error', message: describeError(result.error) });
      return;
    }
    setFolder(result.value.folder);
    setView(viewFor(result.value.state));
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const lock = async () => {
    setLocking(true);
    const result = await api['vault.lock']({});
    setLocking(false);
    if (result.ok) setView(viewFor(result.value.state));
    else await refresh();
  };

  let content: ReactNode;
  switch (view.kind) {
    case 'loading':
      content = (
        <div className="card card-narrow loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {strings.loading.title}
        </div>
      );
      break;
    case 'load-error':
      content = (
        <Card title={strings.loadError.title} narrow>
          <p className="message message-error" role="alert">
            {view.message}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setView({ kind: 'loading' });
                void refresh();
              }}
            >
              {strings.loadError.retry}
            </button>
          </div>
        </Card>
      );
      break;
    case 'missing':
      content = <CreateVault onCreated={(recoveryKey) => setView({ kind: 'recovery', recoveryKey })} />;
      break;
    case 'recovery':
      content = <RecoveryKeyNotice recoveryKey={view.recoveryKey} onDone={() => void refresh()} />;
      break;
    case 'locked':
      content = <UnlockVault onUnlocked={(state) => setView(viewFor(state))} />;
      break;
    case 'unlocked':
      content = <Cases onLocked={refresh} />;
      break;
  }

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <Logo />
          <span className="brand-name">{strings.appName}</span>
          <span className="brand-tagline">{strings.tagline}</span>
        </div>
        {view.kind === 'unlocked' && (
          <button type="button" className="button button-secondary" onClick={() => void lock()} disabled={locking} aria-busy={locking}>
            {locking ? strings.cases.locking : strings.cases.lock}
          </button>
        )}
      </header>
      <main className="content">{content}</main>
      {folder && (
        <footer className="footer">
          {strings.vaultFolder}: <code className="folder">{folder}</code>
        </footer>
      )}
    </div>
  );
}

function Logo() {
  return (
    <svg className="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M16 6l8 3v6c0 5.2-3.4 9.4-8 11-4.6-1.6-8-5.8-8-11V9z" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M12.5 16l2.5 2.5 4.5-5" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** A card whose heading takes focus when it appears, so screen readers announce the new step. */
function Card({ title, narrow, children }: { title: string; narrow?: boolean; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={narrow ? 'card card-narrow' : 'card'} aria-labelledby={id}>
      <h1 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}

function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
      {busy && <span className="spinner spinner-small" aria-hidden="true" />}
      {busy ? busyLabel : label}
    </button>
  );
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  hint?: string;
  error?: string | null;
  autoComplete?: string;
  inputRef?: Ref<HTMLInputElement>;
  monospace?: boolean;
  required?: boolean;
  maxLength?: number;
}

function Field({ label, value, onChange, type = 'text', hint, error, autoComplete, inputRef, monospace, required, maxLength }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="off"
        className={monospace ? 'input input-mono' : 'input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        maxLength={maxLength}
      />
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

function CreateVault({ onCreated }: { onCreated: (recoveryKey: string) => void }) {
  const api = getApi();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldError, setFieldError] = useState<{ field: 'passphrase' | 'confirm'; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passphraseRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (passphrase.length < MIN_PASSPHRASE) {
      setFieldError({ field: 'passphrase', message: strings.create.tooShort });
      passphraseRef.current?.focus();
      return;
    }
    if (passphrase !== confirm) {
      setFieldError({ field: 'confirm', message: strings.create.mismatch });
      confirmRef.current?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    const result = await api['vault.create']({ passphrase });
    setBusy(false);
    if (result.ok) {
      setPassphrase('');
      setConfirm('');
      onCreated(result.value.recoveryKey);
    } else {
      setError(describeError(result.error));
    }
  };

  return (
    <Card title={strings.create.title} narrow>
      <p className="intro">{strings.create.intro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <fieldset disabled={busy}>
          <Field
            label={strings.create.passphrase}
            type="password"
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (fieldError?.field === 'passphrase') setFieldError(null);
            }}
            hint={strings.create.hint}
            error={fieldError?.field === 'passphrase' ? fieldError.message : null}
            autoComplete="new-password"
            inputRef={passphraseRef}
            required
          />
          <Field
            label={strings.create.confirm}
            type="password"
            value={confirm}
            onChange={(value) => {
              setConfirm(value);
              if (fieldError?.field === 'confirm') setFieldError(null);
            }}
            error={fieldError?.field === 'confirm' ? fieldError.message : null}
            autoComplete="new-password"
            inputRef={confirmRef}
            required
          />
        </fieldset>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <SubmitButton busy={busy} label={strings.create.submit} busyLabel={strings.create.submitting} />
        </div>
      </form>
    </Card>
  );
}

function RecoveryKeyNotice({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const labelId = useId();
  const groups = recoveryKey.split('-');
  return (
    <Card title={strings.recovery.title} narrow>
      <p className="intro">{strings.recovery.intro}</p>
      <p className="recovery-label" id={labelId}>
        {strings.recovery.keyLabel}
      </p>
      <p className="recovery-key" aria-labelledby={labelId} data-testid="recovery-key">
        {groups.map((group, index) => (
          <span key={index} className="recovery-group">
            {group}
            {index < groups.length - 1 && (
              <span className="recovery-sep" aria-hidden="true">
                -
              </span>
            )}
          </span>
        ))}
      </p>
      <p className="message message-warning">{strings.recovery.warning}</p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          {strings.recovery.confirm}
        </button>
      </div>
    </Card>
  );
}

function UnlockVault({ onUnlocked }: { onUnlocked: (state: VaultState) => void }) {
  const api = getApi();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const recovery = mode === 'recovery';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (secret.trim() === '') {
      setError(recovery ? strings.unlock.emptyRecovery : strings.unlock.empty);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const result = await api['vault.unlock'](recovery ? { recoveryKey: secret } : { passphrase: secret });
    setBusy(false);
    if (result.ok) {
      setSecret('');
      onUnlocked(result.value.state);
      return;
    }
    if (result.error.kind === 'wrong-passphrase') {
      setError(recovery ? strings.unlock.wrongRecoveryKey : strings.unlock.wrongPassphrase);
      setSecret('');
    } else {
      setError(describeError(result.error));
    }
    // The fieldset is re-enabled on the next render; focus after it.
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  return (
    <Card title={strings.unlock.title} narrow>
      <p className="intro">{recovery ? strings.unlock.introRecovery : strings.unlock.intro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <fieldset disabled={busy}>
          <Field
            key={mode}
            label={recovery ? strings.unlock.recoveryKey : strings.unlock.passphrase}
            type={recovery ? 'text' : 'password'}
            value={secret}
            onChange={(value) => {
              setSecret(value);
              setError(null);
            }}
            hint={recovery ? strings.unlock.recoveryHint : undefined}
            autoComplete={recovery ? 'off' : 'current-password'}
            inputRef={inputRef}
            monospace={recovery}
            required
          />
        </fieldset>
        {error && (
          <p className="message message-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions actions-split">
          <button
            type="button"
            className="button button-link"
            disabled={busy}
            onClick={() => {
              setMode(recovery ? 'passphrase' : 'recovery');
              setSecret('');
              setError(null);
              requestAnimationFrame(() => inputRef.current?.focus());
            }}
          >
            {recovery ? strings.unlock.usePassphrase : strings.unlock.useRecoveryKey}
          </button>
          <SubmitButton busy={busy} label={strings.unlock.submit} busyLabel={strings.unlock.submitting} />
        </div>
      </form>
    </Card>
  );
}

function Cases({ onLocked }: { onLocked: () => void }) {
  const api = getApi();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  const load = useCallback(async () => {
    const result = await api['cases.list']({});
    if (result.ok) {
      setCases(result.value);
      setListError(null);
    } else if (result.error.kind === 'locked') {
      onLocked();
    } else {
      setListError(describeError(result.error));
    }
  }, [api, onLocked]);

  useEffect(() => {
    void load();
  }, [load]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(null);
    setAddError(null);
    const cleanTitle = title.trim();
    if (cleanTitle === '') {
      setTitleError(strings.cases.titleRequired);
      titleRef.current?.focus();
      return;
    }
    setTitleError(null);
    setBusy(true);
    const cleanReference = reference.trim();
    const result = await api['cases.add']({ title: cleanTitle, ...(cleanReference ? { reference: cleanReference } : {}) });
    if (!result.ok) {
      setBusy(false);
      if (result.error.kind === 'locked') return onLocked();
      setAddError(describeError(result.error));
      return;
    }
    await load();
    setBusy(false);
    setTitle('');
    setReference('');
    setNotice(strings.cases.added(cleanTitle));
    requestAnimationFrame(() => titleRef.current?.focus());
  };

  return (
    <div className="stack">
      <Card title={strings.cases.title}>
        {listError && (
          <p className="message message-error" role="alert">
            {listError}
          </p>
        )}
        {cases === null && !listError && (
          <p className="loading" role="status">
            <span className="spinner spinner-small" aria-hidden="true" />
            {strings.cases.loading}
          </p>
        )}
        {cases !== null && cases.length === 0 && (
          <div className="empty">
            <p className="empty-title">{strings.cases.empty}</p>
            <p className="empty-hint">{strings.cases.emptyHint}</p>
          </div>
        )}
        {cases !== null && cases.length > 0 && (
          <table className="cases" aria-labelledby={listId}>
            <caption id={listId} className="visually-hidden">
              {strings.cases.listLabel}
            </caption>
            <thead>
              <tr>
                <th scope="col">{strings.cases.columnTitle}</th>
                <th scope="col">{strings.cases.columnReference}</th>
                <th scope="col" className="numeric">
                  {strings.cases.columnItems}
                </th>
              </tr>
            </thead>
            <tbody>
              {cases.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="case-title">
                    {item.title}
                  </th>
                  <td className={item.reference ? 'case-reference' : 'case-reference muted'}>
                    {item.reference ?? strings.cases.noReference}
                  </td>
                  <td className="numeric">{strings.cases.itemCount(item.itemCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <section className="card" aria-labelledby={`${listId}-add`}>
        <h2 id={`${listId}-add`}>{strings.cases.addTitle}</h2>
        <form onSubmit={(event) => void add(event)} noValidate aria-busy={busy}>
          <fieldset disabled={busy} className="row">
            <Field
              label={strings.cases.caseTitle}
              value={title}
              onChange={(value) => {
                setTitle(value);
                setTitleError(null);
              }}
              error={titleError}
              autoComplete="off"
              inputRef={titleRef}
              required
              maxLength={500}
            />
            <Field
              label={strings.cases.reference}
              value={reference}
              onChange={setReference}
              hint={strings.cases.referenceHint}
              autoComplete="off"
              maxLength={200}
            />
          </fieldset>
          {addError && (
            <p className="message message-error" role="alert">
              {addError}
            </p>
          )}
          <div className="actions actions-split">
            <p className="notice" role="status">
              {notice}
            </p>
            <SubmitButton busy={busy} label={strings.cases.add} busyLabel={strings.cases.adding} />
          </div>
        </form>
      </section>
    </div>
  );
}
