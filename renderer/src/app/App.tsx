import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { VaultStatus } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { idleLabelFor } from '../settings/idle-label.ts';
import { readIdleLockSeconds, writeIdleLockSeconds } from '../settings/idle-lock.ts';
import { SettingsPanel } from '../settings/SettingsPanel.tsx';
import { askFirstPage, forgetFirstPage } from '../cases/first-page.ts';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { CreateVault } from '../vault/CreateVault.tsx';
import { RecoveryKeyNotice } from '../vault/RecoveryKeyNotice.tsx';
import { UnlockVault } from '../vault/UnlockVault.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { useIdleLock } from './useIdleLock.ts';
import { Workspace, type Route } from './Workspace.tsx';
import { VaultChooser } from '../vault/VaultChooser.tsx';
import { MissingVault } from '../vault/MissingVault.tsx';
import { NewPassphrase } from '../vault/NewPassphrase.tsx';
import { UsersSection } from '../settings/UsersSection.tsx';
import { SecuritySection } from '../settings/SecuritySection.tsx';
import { LockedBoundary } from '../api/locked.tsx';
import { ReplicaSection } from '../replica/ReplicaSection.tsx';
import { RestoreReplica } from '../replica/RestoreReplica.tsx';

type View =
  | { kind: 'loading' }
  | { kind: 'load-error'; message: string }
  | { kind: 'missing' }
  | { kind: 'gone'; folder: string }
  | { kind: 'recovery'; recoveryKey: string }
  | { kind: 'locked' }
  | { kind: 'new-passphrase' }
  | { kind: 'unlocked' };

function viewFor(status: VaultStatus): View {
  if (status.state === 'unlocked') return { kind: 'unlocked' };
  if (status.state === 'locked') return { kind: 'locked' };
  // A vault that was here and is not (unplugged drive, moved folder) is never offered for a new vault.
  return status.gone ? { kind: 'gone', folder: status.folder } : { kind: 'missing' };
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
  // Where the user was when the vault locked: unlocking returns there (ids only; the data is read again).
  const [route, setRoute] = useState<Route>({ screen: 'cases' });

  const show = useCallback((status: VaultStatus) => {
    setFolder(status.folder);
    setDemo(status.demo === true);
    // After an unlock with the recovery key, a new passphrase comes before anything else.
    setView(status.state === 'unlocked' && status.recovered ? { kind: 'new-passphrase' } : viewFor(status));
  }, []);
  const refresh = useCallback(async () => {
    const result = await api['vault.status']({});
    if (result.ok) show(result.value);
    else setView({ kind: 'load-error', message: describeError(t, result.error) });
  }, [api, t, show]);

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
      if (result.ok) setView(viewFor(result.value));
      else await refresh();
    },
    [api, refresh],
  );

  const unlocked = view.kind === 'unlocked';
  useEffect(() => {
    if (!unlocked) forgetFirstPage();
  }, [unlocked]);
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
      content = (
        <>
          <CreateVault onCreated={(recoveryKey) => setView({ kind: 'recovery', recoveryKey })} onDemo={openDemo} />
          <LockedBoundary onLocked={() => void refresh()}>
            <RestoreReplica key={folder} onOpened={() => void refresh()} />
          </LockedBoundary>
          <VaultChooser key={folder} onOpened={() => void refresh()} onDemo={openDemo} />
        </>
      );
      break;
    case 'gone':
      content = (
        <>
          <MissingVault folder={view.folder} onChanged={() => void refresh()} />
          <VaultChooser key={folder} onOpened={() => void refresh()} onDemo={openDemo} />
        </>
      );
      break;
    case 'recovery':
      content = <RecoveryKeyNotice recoveryKey={view.recoveryKey} onDone={() => void refresh()} />;
      break;
    case 'locked':
      content = (
        <UnlockVault
          notice={demo ? t.demo.unlockHint : lockNotice}
          onUnlocked={(status) => {
            setLockNotice(null);
            // The case list's first rows are asked for now, while the workspace is still being drawn.
            if (route.screen === 'cases' && status.state === 'unlocked' && !status.recovered) askFirstPage(api);
            show(status);
          }}
        />
      );
      content = (
        <>
          {content}
          {!demo && <VaultChooser key={folder} onOpened={() => void refresh()} onDemo={openDemo} />}
        </>
      );
      break;
    case 'new-passphrase':
      content = (
        <Card title={t.app.newPassphrase.title} narrow>
          <p className="intro">{t.app.newPassphrase.intro}</p>
          <NewPassphrase askCurrent={false} onChanged={() => void refresh()} />
        </Card>
      );
      break;
    case 'unlocked':
      content = <Workspace onLocked={() => void refresh()} route={route} onRoute={setRoute} />;
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
        >
          {unlocked && !demo && (
            <>
              <UsersSection />
              <SecuritySection />
              <ReplicaSection />
            </>
          )}
          {unlocked && (
            <VaultChooser
              onOpened={() => {
                setSettingsOpen(false);
                setRoute({ screen: 'cases' });
                void refresh();
              }}
              onDemo={openDemo}
            />
          )}
        </SettingsPanel>
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
