import { useId } from 'react';
import type { ChosenDestination, FolderPurpose } from '../../../shared/destinations.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from './feedback.tsx';
import { useFolderPicker } from './useFolderPicker.tsx';

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
  purpose = 'export',
  error,
}: {
  label: string;
  /** 'bag' for a received bag folder to read (a source, never written to); see FolderPurpose. */
  purpose?: FolderPurpose;
  value: ChosenDestination | null;
  onChange: (chosen: ChosenDestination) => void;
  /** What is wrong with the choice (none made yet), in one line beside it. */
  error?: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const picker = useFolderPicker(purpose);

  const choose = async () => {
    const chosen = await picker.pick();
    if (chosen) onChange(chosen);
  };

  return (
    <div className={`field field-wide destination-picker${error ? ' field-invalid' : ''}`} data-testid="destination-picker">
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <div className="destination-row">
        <code className="break destination-path" aria-labelledby={`${id}-label`} data-testid="destination-folder">
          {value ? value.folder : <span className="muted">{t.destinations.none}</span>}
        </code>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void choose()}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          {value ? t.destinations.change : t.destinations.choose}
        </button>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {picker.error && <ErrorMessage>{picker.error}</ErrorMessage>}
      {picker.dialog}
    </div>
  );
}
