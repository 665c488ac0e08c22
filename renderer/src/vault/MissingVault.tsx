import { useState } from 'react';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Card } from '../ui/Card.tsx';
import { describeError } from '../ui/errors.ts';
import { ErrorMessage } from '../ui/feedback.tsx';
import { useFolderPicker } from '../ui/useFolderPicker.tsx';

/**
 * A vault folder that held a vault before and now does not (unplugged drive, moved or renamed
 * folder). It is never offered for a new vault: the user plugs the drive back in, locates the
 * folder where the vault is now (it then replaces this one in the recent list), or removes it from
 * the list. `onChanged` re-reads the vault state.
 */
export function MissingVault({ folder, onChanged }: { folder: string; onChanged: () => void }) {
  const { t } = useI18n();
  const api = getApi();
  const picker = useFolderPicker('vault');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => ReturnType<(typeof api)['vault.forget']> | null) => {
    setError(null);
    setBusy(true);
    const result = await work();
    setBusy(false);
    if (!result) return;
    if (!result.ok) return setError(describeError(t, result.error));
    onChanged();
  };

  const locate = async () => {
    const chosen = await picker.pick();
    await run(() => (chosen ? api['vault.locate']({ missing: folder, chosen: chosen.destination }) : null));
  };

  return (
    <Card title={t.app.vaults.missingTitle} narrow>
      <div data-testid="missing-vault">
        <p className="message message-warning" role="alert">
          {t.app.vaults.missingText(folder)}
        </p>
        <p className="muted small">{t.app.vaults.missingHint}</p>
        {(error ?? picker.error) && <ErrorMessage>{error ?? picker.error}</ErrorMessage>}
        <div className="actions actions-start missing-vault-actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void locate()}>
            {t.app.vaults.locate}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void run(() => api['vault.forget']({ folder }))}
          >
            {t.app.vaults.forget}
          </button>
          <button type="button" className="button button-quiet" disabled={busy} onClick={onChanged}>
            {t.app.vaults.checkAgain}
          </button>
        </div>
      </div>
      {picker.dialog}
    </Card>
  );
}
