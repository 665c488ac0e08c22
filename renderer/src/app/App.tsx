import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { VaultState } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { idleLabelFor } from '../settings/idle-label.ts';
import { readIdleLockSeconds, writeIdleLockSeconds } from '../settings/idle-lock.ts';
import { SettingsPanel } from '../settings/SettingsPanel.tsx';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { CreateVault } from '../vault/CreateVault.tsx';
import { RecoveryKeyNotice } from '../vault/RecoveryKeyNotice.tsx';
import { UnlockVault } from '../vault/UnlockVault.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { useIdleLock } from './useIdleLock.ts';
import { Workspace } from './Workspace.tsx';

type View =
  | { kind: 'loading' }
  | { kind: 'load-error'; message: string }
  | { kind: 'missing' }
  | { kind: 'recovery'; recoveryKey: string }
  | { kind: 'locked' }
  | { kind: 'unlocked' };

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

  // The engine locks by itself after the same idle time, whatever this page does (a tab left open).
  useEffect(() => {
    if (view.kind === 'unlocked') void api['vault.idleLock']({ seconds: Math.min(3600, Math.max(60, Math.round(idleSeconds))) });
  }, [api, view.kind, idleSeconds]);

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
