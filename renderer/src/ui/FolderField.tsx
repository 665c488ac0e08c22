import { useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { Field } from './fields.tsx';

/**
 * The one place a screen asks where an export goes (or where a received bag or file is): a full
 * path, proposed from the app's export folder. The desktop dialog and the browser-mode folder
 * browser (#19) replace this field, and only this field, when they reach the window.
 */
export function FolderField({
  value,
  onChange,
  label,
  propose = true,
}: {
  value: string;
  onChange: (value: string) => void;
  label?: string;
  /** Start from the default export folder (exports); off for paths the user must name (a received bag). */
  propose?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Field
      label={label ?? t.app.common.folder}
      value={value}
      onChange={onChange}
      hint={propose ? t.app.common.folderHint : undefined}
      monospace
    />
  );
}

/** A written file's full path with a copy button (browser mode cannot open it for the user). */
export function SavedPath({ path }: { path: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <p className="saved-path" data-testid="saved-path">
      {t.app.common.savedTo}: <code className="break">{path}</code>{' '}
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => {
          void navigator.clipboard?.writeText(path).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? t.app.common.copied : t.app.common.copy}
      </button>
    </p>
  );
}
