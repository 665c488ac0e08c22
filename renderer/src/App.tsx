import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { VaultState } from '../../shared/model.ts';
import { getApi } from './api.ts';
import { LOCALES, LOCALE_NAMES, useI18n, type Locale } from './i18n/index.tsx';
import { IDLE_LOCK_CHOICES_MINUTES, readIdleLockSeconds, writeIdleLockSeconds } from './settings.ts';
import { Card, describeError, Field, SubmitButton } from './ui.tsx';
import { Workspace } from './Workspace.tsx';
import { MIN_ACCEPTED_SCORE, passphraseStrength, type StrengthScore } from './passphrase-strength.ts';
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

export function App() {
  const { t, f, locale, setLocale } = useI18n();
  const api = getApi();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [folder, setFolder] = useState<string | null>(null);
  const [locking, setLocking] = useState(false);
  const [idleSeconds, setIdleSeconds] = useState(readIdleLockSeconds);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [lockNotice, setLockNotice] = useState<string | null>(null);
  const [demo, setDemo] = useState(false);

  const refresh = useCallback(async () => {
    const result = await api['vault.status']({});
    if (!result.ok) {
      setView({ kind: 'load-error', message: describeError(t, result.error) });
      return;
    }
    setFolder(result.value.folder);
    setDemo(result.value.demo === true);
    setView(viewFor(result.value.state));
  }, [api, t]);

  /** Opens (building it the first time) the vault of invented cases beside the user's own. */
  const openDemo = useCallback(async (): Promise<string | null> => {
    const result = await api['vault.openDemo']({});
    if (!result.ok) return describeError(t, result.error);
    await refresh();
    return null;
  }, [api, refresh, t]);

  const leaveDemo = useCallback(async () => {
    setView({ kind: 'loading' });
    await api['vault.leaveDemo']({});
    await refresh();
  }, [api, refresh]);

  useEffect(() => {
    void refresh();
    // Only on mount: a language switch must not reload the vault state (it would skip the recovery key).
  }, []);

  const lock = useCallback(
    async (notice: string | null = null) => {
      setLocking(true);
      // Leave the unlocked view at once: the case data lives in its state and goes with it.
      setView({ kind: 'locked' });
      setLockNotice(notice);
      const result = await api['vault.lock']({});
      setLocking(false);
      if (result.ok) setView(viewFor(result.value.state));
      else await refresh();
    },
    [api, refresh],
  );

  const unlocked = view.kind === 'unlocked';
  const idleLabel = idleLabelFor(idleSeconds, t, f.number);
  useIdleLock(unlocked, idleSeconds, () => void lock(t.unlock.autoLocked(idleLabel)));

  let content: ReactNode;
  switch (view.kind) {
    case 'loading':
      content = (
        <div className="card card-narrow loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t.loading.title}
        </div>
      );
      break;
    case 'load-error':
      content = (
        <Card title={t.loadError.title} narrow>
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
              {t.loadError.retry}
            </button>
          </div>
        </Card>
      );
      break;
    case 'missing':
      content = <CreateVault onCreated={(recoveryKey) => setView({ kind: 'recovery', recoveryKey })} onDemo={openDemo} />;
      break;
    case 'recovery':
      content = <RecoveryKeyNotice recoveryKey={view.recoveryKey} onDone={() => void refresh()} />;
      break;
    case 'locked':
      content = (
        <UnlockVault
          notice={demo ? t.demo.unlockHint : lockNotice}
          onUnlocked={(state) => {
            setLockNotice(null);
            setView(viewFor(state));
          }}
        />
      );
      break;
    case 'unlocked':
      content = <Workspace onLocked={() => void refresh()} />;
      break;
  }

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <Logo />
          <span className="brand-name">{t.appName}</span>
          <span className="brand-tagline">{t.tagline}</span>
        </div>
        <div className="topbar-tools">
          <LanguageSwitch locale={locale} onChange={setLocale} label={t.language} />
          <button
            type="button"
            className="button button-quiet"
            aria-expanded={settingsOpen}
            aria-controls="settings-panel"
            onClick={() => setSettingsOpen((open) => !open)}
          >
            {t.settings.button}
          </button>
          {unlocked && (
            <button type="button" className="button button-secondary" onClick={() => void lock()} disabled={locking} aria-busy={locking}>
              {locking ? t.cases.locking : t.cases.lock}
            </button>
          )}
        </div>
      </header>
      {settingsOpen && (
        <SettingsPanel
          idleSeconds={idleSeconds}
          onIdleSeconds={(seconds) => {
            setIdleSeconds(seconds);
            writeIdleLockSeconds(seconds);
          }}
          onClose={() => setSettingsOpen(false)}
        />
      )}
      {demo && view.kind !== 'loading' && (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <span>{t.demo.banner}</span>
          <button type="button" className="button button-secondary button-small" onClick={() => void leaveDemo()}>
            {t.demo.leave}
          </button>
        </div>
      )}
      <main className={unlocked ? 'content content-wide' : 'content'}>{content}</main>
      {folder && (
        <footer className="footer">
          {t.vaultFolder}: <code className="folder">{folder}</code>
        </footer>
      )}
    </div>
  );
}

function idleLabelFor(seconds: number, t: ReturnType<typeof useI18n>['t'], number: (value: number) => string): string {
  if (seconds % 60 === 0) return t.settings.minutes(seconds / 60, number(seconds / 60));
  return t.settings.seconds(number(seconds));
}

/**
 * Locks after `seconds` without keyboard, mouse or touch input. Time is read from the wall clock on
 * every check, so a laptop that slept past the limit locks as soon as it wakes.
 */
function useIdleLock(active: boolean, seconds: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, touch, { passive: true, capture: true });
    const check = () => {
      if (Date.now() - last >= seconds * 1000) onIdleRef.current();
    };
    const timer = window.setInterval(check, Math.min(1000, Math.max(250, (seconds * 1000) / 4)));
    document.addEventListener('visibilitychange', check);
    return () => {
      for (const name of events) window.removeEventListener(name, touch, { capture: true });
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [active, seconds]);
}

function LanguageSwitch({ locale, onChange, label }: { locale: Locale; onChange: (locale: Locale) => void; label: string }) {
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} className="input input-compact" value={locale} onChange={(event) => onChange(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

function SettingsPanel({
  idleSeconds,
  onIdleSeconds,
  onClose,
}: {
  idleSeconds: number;
  onIdleSeconds: (seconds: number) => void;
  onClose: () => void;
}) {
  const { t, f } = useI18n();
  const id = useId();
  const choices: number[] = IDLE_LOCK_CHOICES_MINUTES.map((minutes) => minutes * 60);
  if (!choices.includes(idleSeconds)) choices.unshift(idleSeconds);
  return (
    <section id="settings-panel" className="settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.settings.title}</h2>
      <div className="field">
        <label htmlFor={id}>{t.settings.autoLock}</label>
        <select
          id={id}
          className="input input-compact"
          value={String(idleSeconds)}
          onChange={(event) => onIdleSeconds(Number(event.target.value))}
          aria-describedby={`${id}-hint`}
        >
          {choices.map((seconds) => (
            <option key={seconds} value={seconds}>
              {idleLabelFor(seconds, t, f.number)}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          {t.settings.autoLockHint}
        </p>
      </div>
      <button type="button" className="button button-secondary" onClick={onClose}>
        {t.settings.close}
      </button>
    </section>
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

function CreateVault({ onCreated, onDemo }: { onCreated: (recoveryKey: string) => void; onDemo: () => Promise<string | null> }) {
  const { t } = useI18n();
  const api = getApi();
  const [passphrase, setPassphrase] = useState('');
  const [strength, setStrength] = useState<{ of: string; score: StrengthScore } | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);

  useEffect(() => {
    let current = true;
    void passphraseStrength(passphrase).then((score) => {
      if (current) setStrength({ of: passphrase, score });
    });
    return () => {
      current = false;
    };
  }, [passphrase]);

  const tryDemo = async () => {
    setDemoBusy(true);
    setError(null);
    const failure = await onDemo();
    setDemoBusy(false);
    if (failure) setError(failure);
  };
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
      setFieldError({ field: 'passphrase', message: t.create.tooShort });
      passphraseRef.current?.focus();
      return;
    }
    const score = strength?.of === passphrase ? strength.score : await passphraseStrength(passphrase);
    if (score < MIN_ACCEPTED_SCORE) {
      setFieldError({ field: 'passphrase', message: t.create.tooWeak });
      passphraseRef.current?.focus();
      return;
    }
    if (passphrase !== confirm) {
      setFieldError({ field: 'confirm', message: t.create.mismatch });
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
      setError(describeError(t, result.error));
    }
  };

  return (
    <Card title={t.create.title} narrow>
      <p className="intro">{t.create.intro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <fieldset disabled={busy}>
          <Field
            label={t.create.passphrase}
            type="password"
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (fieldError?.field === 'passphrase') setFieldError(null);
            }}
            hint={t.create.hint}
            error={fieldError?.field === 'passphrase' ? fieldError.message : null}
            autoComplete="new-password"
            inputRef={passphraseRef}
            required
          />
          <StrengthMeter score={passphrase && strength?.of === passphrase ? strength.score : null} />
          <Field
            label={t.create.confirm}
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
          <SubmitButton busy={busy} label={t.create.submit} busyLabel={t.create.submitting} />
        </div>
      </form>
      <div className="demo-offer">
        <p className="muted">{t.demo.offer}</p>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || demoBusy}
          aria-busy={demoBusy}
          onClick={() => void tryDemo()}
        >
          {demoBusy ? t.demo.opening : t.demo.open}
        </button>
      </div>
    </Card>
  );
}

/** A five-step bar with words, so the strength is not told by colour alone. */
function StrengthMeter({ score }: { score: StrengthScore | null }) {
  const { t } = useI18n();
  return (
    <div className="strength" aria-live="polite" data-testid="strength">
      <div className="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((step) => (
          <span key={step} className={score !== null && step <= score ? `strength-step strength-${score}` : 'strength-step'} />
        ))}
      </div>
      <p className="field-hint">{score === null ? t.create.strengthEmpty : t.create.strength[score]}</p>
    </div>
  );
}

function RecoveryKeyNotice({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useI18n();
  const labelId = useId();
  const groups = recoveryKey.split('-');
  return (
    <Card title={t.recovery.title} narrow>
      <p className="intro">{t.recovery.intro}</p>
      <p className="recovery-label" id={labelId}>
        {t.recovery.keyLabel}
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
      <p className="message message-warning">{t.recovery.warning}</p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          {t.recovery.confirm}
        </button>
      </div>
    </Card>
  );
}

function UnlockVault({ onUnlocked, notice }: { onUnlocked: (state: VaultState) => void; notice: string | null }) {
  const { t } = useI18n();
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
      setError(recovery ? t.unlock.emptyRecovery : t.unlock.empty);
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
      setError(recovery ? t.unlock.wrongRecoveryKey : t.unlock.wrongPassphrase);
      setSecret('');
    } else {
      setError(describeError(t, result.error));
    }
    // The fieldset is re-enabled on the next render; focus after it.
    requestAnimationFrame(() => inputRef.current?.focus());
  };

  return (
    <Card title={t.unlock.title} narrow>
      {notice && (
        <p className="message message-info" role="status">
          {notice}
        </p>
      )}
      <p className="intro">{recovery ? t.unlock.introRecovery : t.unlock.intro}</p>
      <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <fieldset disabled={busy}>
          <Field
            key={mode}
            label={recovery ? t.unlock.recoveryKey : t.unlock.passphrase}
            type={recovery ? 'text' : 'password'}
            value={secret}
            onChange={(value) => {
              setSecret(value);
              setError(null);
            }}
            hint={recovery ? t.unlock.recoveryHint : undefined}
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
            {recovery ? t.unlock.usePassphrase : t.unlock.useRecoveryKey}
          </button>
          <SubmitButton busy={busy} label={t.unlock.submit} busyLabel={t.unlock.submitting} />
        </div>
      </form>
    </Card>
  );
}
