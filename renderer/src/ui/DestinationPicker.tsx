import { useId, useState } from 'react';
import type { ChosenDestination } from '../../../shared/destinations.ts';
import { getDesktopShell } from '../api/shell.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from './errors.ts';
import { ErrorMessage } from './feedback.tsx';
import { FolderBrowserDialog } from './FolderBrowserDialog.tsx';

/**
 * Where an export goes: shows the chosen folder and a "Choose folder…" button. The desktop app
 * opens the native dialog (main process); browser mode opens the engine's folder browser. Either
 * way the page only ever holds the opaque `destination` token (and the path to show), never sends
 * a path. Used by every export: `<DestinationPicker label=… value={chosen} onChange={setChosen} />`.
 */
export function DestinationPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: ChosenDestination | null;
  onChange: (chosen: ChosenDestination) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [browsing, setBrowsing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async () => {
    setError(null);
    const shell = getDesktopShell();
    if (!shell) return setBrowsing(true);
    const result = await shell.chooseFolder({});
    if (!result.ok) return setError(describeError(t, result.error));
    if (result.value) onChange(result.value);
  };

  return (
    <div className="field field-wide destination-picker" data-testid="destination-picker">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="destination-row">
        <code className="break destination-path" aria-labelledby={`${id}-label`} data-testid="destination-folder">
          {value ? value.folder : <span className="muted">{t.destinations.none}</span>}
        </code>
        <button type="button" className="button button-secondary" onClick={() => void choose()}>
          {value ? t.destinations.change : t.destinations.choose}
        </button>
      </div>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {browsing && (
        <FolderBrowserDialog
          onChoose={(chosen) => {
            setBrowsing(false);
            onChange(chosen);
          }}
          onCancel={() => setBrowsing(false)}
        />
      )}
    </div>
  );
}
