import { useState } from 'react';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import type { ItemSummary } from '../../../shared/model.ts';
import { getApi } from '../api/client.ts';
import { useFailure } from '../api/locked.tsx';
import { useI18n } from '../i18n/index.tsx';
import { DestinationPicker } from '../ui/DestinationPicker.tsx';
import { ErrorMessage } from '../ui/feedback.tsx';

/**
 * A plaintext copy of an item's original, into a folder the user picks (as the dossier export does),
 * after a confirmation that it leaves the vault in the clear; the engine logs it as a custody event.
 */
export function SaveCopy({ item }: { item: ItemSummary }) {
  const { t } = useI18n();
  const api = getApi();
  const fail = useFailure();
  const [destination, setDestination] = useState<ChosenDestination | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const save = async () => {
    setError(null);
    setSaved(null);
    if (!destination) return setError(t.record.copyFolderRequired);
    if (!window.confirm(`${t.record.saveCopyConfirm}\n\n${destination.folder}`)) return;
    setBusy(true);
    const copy = await api['items.saveCopy']({ itemId: item.id, destination: destination.destination });
    setBusy(false);
    if (copy.ok) setSaved(t.record.copySaved(copy.value.file));
    else fail(copy.error, setError);
  };

  return (
    <div className="save-copy" data-testid="save-copy">
      <DestinationPicker label={t.record.copyFolder} value={destination} onChange={setDestination} />
      <button type="button" className="button button-secondary" disabled={busy} aria-busy={busy} onClick={() => void save()}>
        {t.record.saveCopy}
      </button>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {saved && (
        <p className="message message-info break" role="status">
          {saved}
        </p>
      )}
    </div>
  );
}
