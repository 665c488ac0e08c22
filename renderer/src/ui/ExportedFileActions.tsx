import { useState } from 'react';
import type { ExportedFile } from '../../../shared/destinations.ts';
import { getDesktopShell } from '../api/shell.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from './errors.ts';

/**
 * A file an export wrote: its full path, and "Open" / "Show in folder" in the desktop app (by the
 * file's token, handled by the main process) or a copy button in browser mode, where a page cannot
 * open files.
 */
export function ExportedFileActions({ file }: { file: ExportedFile }) {
  const { t } = useI18n();
  const shell = getDesktopShell();
  const [note, setNote] = useState<string | null>(null);

  const act = async (action: 'openOutput' | 'showOutput') => {
    if (!shell) return;
    const result = await shell[action]({ output: file.output });
    setNote(result.ok ? null : describeError(t, result.error));
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(file.file);
      setNote(t.destinations.copied);
    } catch {
      setNote(t.destinations.copyFailed);
    }
  };

  return (
    <span className="exported-file" data-testid="exported-file">
      <code className="break">{file.file}</code>{' '}
      {shell ? (
        <>
          <button type="button" className="button button-small" onClick={() => void act('openOutput')}>
            {t.destinations.open}
          </button>{' '}
          <button type="button" className="button button-small" onClick={() => void act('showOutput')}>
            {t.destinations.showInFolder}
          </button>
        </>
      ) : (
        <button type="button" className="button button-small" onClick={() => void copy()}>
          {t.destinations.copyPath}
        </button>
      )}
      {note && (
        <span className="muted small" role="status">
          {' '}
          {note}
        </span>
      )}
    </span>
  );
}
