import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ChosenDestination, FolderListing, FolderPurpose } from '../../../shared/destinations.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from './errors.ts';
import { ErrorMessage, Loading } from './feedback.tsx';

/**
 * Browser mode's folder picker: a modal over the engine's confined folder browser (the home folder
 * and removable-media mounts). Folders are named by handles the engine made; choosing one asks the
 * engine for a token (an export folder, or a vault folder to open), after the same checks as the
 * desktop's native dialog. Opened through `useFolderPicker`.
 */
export function FolderBrowserDialog({
  purpose,
  onChoose,
  onCancel,
}: {
  purpose: FolderPurpose;
  onChoose: (chosen: ChosenDestination) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = getApi();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const intro: Record<FolderPurpose, string> = {
    export: t.destinations.browserIntro,
    bag: t.destinations.browserIntro,
    vault: t.destinations.browserIntroVault,
    replica: t.replica.browserIntro,
    restore: t.replica.restore.browserIntro,
  };

  const show = useCallback(
    async (answer: ReturnType<(typeof api)['destinations.browse']>) => {
      const result = await answer;
      if (!result.ok) return setError(describeError(t, result.error));
      setError(null);
      setListing(result.value);
    },
    [t],
  );

  useEffect(() => {
    dialog.current?.showModal?.();
    void show(api['destinations.browse']({}));
  }, [api, show]);

  const choose = async () => {
    if (!listing) return;
    const result = await api['destinations.choose']({ at: listing.at, purpose });
    if (!result.ok) return setError(describeError(t, result.error));
    onChoose(result.value);
  };

  const create = async () => {
    if (!listing || !newName.trim()) return;
    await show(api['destinations.makeFolder']({ at: listing.at, name: newName.trim() }));
    setNewName('');
  };

  // In a portal: the pickers sit inside export forms, and a dialog inside a form would submit it.
  return createPortal(
    <dialog
      ref={dialog}
      className="folder-browser"
      aria-labelledby={`${id}-title`}
      data-testid="folder-browser"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{t.destinations.browserTitle}</h2>
      <p className="muted small">{intro[purpose]}</p>
      {listing && listing.roots.length > 1 && (
        <nav aria-label={t.destinations.places} className="folder-roots">
          {listing.roots.map((root) => (
            <button
              key={root.handle}
              type="button"
              className="button button-small"
              onClick={() => void show(api['destinations.browse']({ at: root.handle }))}
            >
              {root.path}
            </button>
          ))}
        </nav>
      )}
      {!listing && !error && <Loading label={t.destinations.loading} />}
      {listing && (
        <>
          <p className="folder-current">
            <code className="break" data-testid="folder-browser-path">
              {listing.path}
            </code>
          </p>
          <ul className="folder-list" aria-label={listing.path}>
            {listing.parent && (
              <li>
                <button
                  type="button"
                  className="folder-entry"
                  onClick={() => void show(api['destinations.browse']({ at: listing.parent! }))}
                >
                  ↑ {t.destinations.up}
                </button>
              </li>
            )}
            {listing.folders.map((folder) => (
              <li key={folder.handle}>
                <button type="button" className="folder-entry" onClick={() => void show(api['destinations.browse']({ at: folder.handle }))}>
                  📁 <bdi>{folder.name}</bdi>
                </button>
              </li>
            ))}
          </ul>
          {listing.folders.length === 0 && <p className="muted small">{t.destinations.empty}</p>}
          {listing.truncated && <p className="muted small">{t.destinations.truncated}</p>}
          <div className="folder-new">
            <label className="field">
              <span className="field-label">{t.destinations.newFolder}</span>
              <input
                className="input"
                value={newName}
                autoComplete="off"
                onChange={(event) => setNewName(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter') return;
                  event.preventDefault();
                  void create();
                }}
              />
            </label>
            <button type="button" className="button button-secondary" disabled={!newName.trim()} onClick={() => void create()}>
              {t.destinations.create}
            </button>
          </div>
        </>
      )}
      {error && <ErrorMessage>{error}</ErrorMessage>}
      <div className="actions">
        <button type="button" className="button button-primary" disabled={!listing} onClick={() => void choose()}>
          {t.destinations.useThis}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t.destinations.cancel}
        </button>
      </div>
    </dialog>,
    document.body,
  );
}
