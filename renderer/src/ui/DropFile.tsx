import { useState, type DragEvent } from 'react';
import { MAX_UPLOAD_CHUNK_BYTES } from '../../../shared/schemas.ts';
import { getApi } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { describeError } from './errors.ts';
import { Field } from './fields.tsx';
import { ErrorMessage } from './feedback.tsx';

/** Where a received file is: dropped on the window (its bytes went to the engine's inbox), or a path. */
export type ReceivedFile = { inboxId: string; name: string } | { file: string };

/**
 * A drop zone for a received file (a dossier to check, a package to import) with a path field
 * beside it. A dropped file's bytes go to the engine's inbox in chunks, like an import, and are
 * read once by the job; nothing is stored in the vault.
 */
export function DropFile({
  purpose,
  accept,
  onReady,
}: {
  purpose: 'dossier' | 'package';
  accept: string;
  onReady: (file: ReceivedFile) => void;
}) {
  const { t } = useI18n();
  const api = getApi();
  const [over, setOver] = useState(false);
  const [path, setPath] = useState('');
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (file: File) => {
    setError(null);
    setSending(file.name);
    const begun = await api['inbox.begin']({ name: file.name.slice(0, 255) || 'file', size: file.size, purpose });
    if (!begun.ok) {
      setSending(null);
      return setError(describeError(t, begun.error));
    }
    for (let offset = 0; offset < file.size; offset += MAX_UPLOAD_CHUNK_BYTES) {
      const bytes = new Uint8Array(await file.slice(offset, offset + MAX_UPLOAD_CHUNK_BYTES).arrayBuffer());
      const sent = await api['imports.chunk']({ uploadId: begun.value.inboxId, offset, bytes });
      if (!sent.ok) {
        setSending(null);
        return setError(describeError(t, sent.error));
      }
    }
    setSending(null);
    onReady({ inboxId: begun.value.inboxId, name: file.name });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void send(file);
  };

  return (
    <div className="drop-file">
      <div
        className={over ? 'dropzone dropzone-active' : 'dropzone'}
        data-testid={`drop-${purpose}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{sending ? `${t.app.common.working} ${sending}` : t.app.common.dropHere}</p>
        <input
          type="file"
          accept={accept}
          aria-label={t.app.common.dropHere}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void send(file);
            event.target.value = '';
          }}
        />
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim()) onReady({ file: path.trim() });
        }}
      >
        <Field label={t.app.common.filePath} value={path} onChange={setPath} monospace />
        <button type="submit" className="button button-secondary" disabled={!path.trim()}>
          {t.app.common.check}
        </button>
      </form>
      {error && <ErrorMessage>{error}</ErrorMessage>}
    </div>
  );
}
