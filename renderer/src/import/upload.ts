import type { CustodiaApi, Request } from '../../../shared/contract.ts';
import type { ApiError } from '../../../shared/result.ts';

/** Bytes per imports.chunk call: large enough to keep the pipe full, small enough to cancel quickly. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** What the importer needs of a File (a Blob with a name), so tests can hand in their own. */
export interface UploadFile {
  name: string;
  size: number;
  lastModified: number;
  slice(start: number, end: number): Blob;
}

export type UploadOutcome =
  | { name: string; status: 'imported' | 'duplicate'; itemId: string; sha256: string }
  | { name: string; status: 'failed'; reason: string; error?: ApiError }
  | { name: string; status: 'cancelled' };

export interface UploadProgress {
  fileIndex: number;
  fileCount: number;
  fileBytes: number;
  fileSize: number;
  doneBytes: number;
  totalBytes: number;
}

type Details = Pick<Request<'imports.begin'>, 'metadata' | 'acquisition' | 'derivedFrom'>;

/**
 * Sends files one after another, each in order in CHUNK_BYTES pieces; the engine encrypts each
 * piece before it answers, so progress is what is really in the vault. A failed file is reported
 * with its reason and the rest go on; cancelling stops the current file (the engine removes what
 * it had written) and marks the rest cancelled.
 */
export async function uploadFiles(
  api: Pick<CustodiaApi, 'imports.begin' | 'imports.chunk' | 'imports.finish' | 'imports.cancel'>,
  caseId: string,
  files: readonly UploadFile[],
  /** The same details for every file, or each file's own (by its index). */
  details: Details | ((fileIndex: number) => Details),
  options: { onProgress?: (progress: UploadProgress) => void; onOutcome?: (outcome: UploadOutcome) => void; signal?: AbortSignal } = {},
): Promise<UploadOutcome[]> {
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const outcomes: UploadOutcome[] = [];
  let doneBefore = 0;
  const report = (outcome: UploadOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  for (const [fileIndex, file] of files.entries()) {
    if (options.signal?.aborted) {
      report({ name: file.name, status: 'cancelled' });
      continue;
    }
    const progress = (fileBytes: number) =>
      options.onProgress?.({
        fileIndex,
        fileCount: files.length,
        fileBytes,
        fileSize: file.size,
        doneBytes: doneBefore + fileBytes,
        totalBytes,
      });
    progress(0);
    const own = typeof details === 'function' ? details(fileIndex) : details;
    report(await uploadOne(api, caseId, file, own, progress, options.signal));
    doneBefore += file.size;
  }
  return outcomes;
}

async function uploadOne(
  api: Pick<CustodiaApi, 'imports.begin' | 'imports.chunk' | 'imports.finish' | 'imports.cancel'>,
  caseId: string,
  file: UploadFile,
  details: Details,
  progress: (fileBytes: number) => void,
  signal: AbortSignal | undefined,
): Promise<UploadOutcome> {
  const failed = (error: ApiError): UploadOutcome => ({ name: file.name, status: 'failed', reason: error.message, error });
  const begun = await api['imports.begin']({ caseId, name: file.name, size: file.size, lastModified: file.lastModified, ...details });
  if (!begun.ok) return failed(begun.error);
  const { uploadId } = begun.value;
  try {
    for (let offset = 0; offset < file.size;) {
      if (signal?.aborted) {
        await api['imports.cancel']({ uploadId });
        return { name: file.name, status: 'cancelled' };
      }
      const bytes = new Uint8Array(await file.slice(offset, Math.min(file.size, offset + CHUNK_BYTES)).arrayBuffer());
      if (bytes.length === 0) throw new Error('the file became shorter while it was being read');
      const sent = await api['imports.chunk']({ uploadId, offset, bytes });
      if (!sent.ok) {
        await api['imports.cancel']({ uploadId });
        return failed(sent.error);
      }
      offset = sent.value.received;
      progress(offset);
    }
  } catch (error) {
    // Reading the file failed (moved, deleted, a permission changed): stop this upload cleanly.
    await api['imports.cancel']({ uploadId });
    return { name: file.name, status: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  if (signal?.aborted) {
    await api['imports.cancel']({ uploadId });
    return { name: file.name, status: 'cancelled' };
  }
  const finished = await api['imports.finish']({ uploadId });
  if (!finished.ok) return failed(finished.error);
  return { name: file.name, status: finished.value.status, itemId: finished.value.itemId, sha256: finished.value.sha256 };
}
