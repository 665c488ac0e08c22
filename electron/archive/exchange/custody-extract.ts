import type { Primitives } from '../crypto/index.ts';
import { GENESIS_HASH, hashEvent, type Checkpoint, type CustodyEvent } from '../custody/log.ts';
import { checkpointSignatureValid } from '../custody/verify-log.ts';

/**
 * The custody history of what an export carries (one case's events, or the whole log), as JSON
 * lines in the format of `custodia log export` (docs/custody-log.md): a header with the public
 * key, the events in seq order, and a signed checkpoint of the vault's head at export time.
 * When only some events are carried the chain links cannot be followed, but every event's hash
 * and own signature can, and the checkpoint pins how far the history went.
 */
export interface CustodyExtractHeader {
  type: 'custodia-custody-log';
  v: 1;
  vaultId: string;
  publicKey: string;
  signature: 'ed25519';
  hash: 'sha256';
  /** "vault": every event from 1 to the checkpoint; "subjects": only the events about the exported case(s) and items. */
  scope: 'vault' | 'subjects';
}

export function custodyExtractLines(header: CustodyExtractHeader, events: Iterable<CustodyEvent>, checkpoint: Checkpoint): string {
  let text = `${JSON.stringify(header)}\n`;
  for (const event of events) text += `${JSON.stringify({ type: 'event', ...event })}\n`;
  return `${text}${JSON.stringify(checkpoint)}\n`;
}

export interface ParsedCustodyExtract {
  header: CustodyExtractHeader;
  events: CustodyEvent[];
  checkpoint: Checkpoint | null;
}

export function parseCustodyExtract(text: string): ParsedCustodyExtract {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = JSON.parse(lines[0] ?? 'null') as CustodyExtractHeader | null;
  if (!header || header.type !== 'custodia-custody-log' || !/^[0-9a-f]{64}$/.test(String(header.publicKey))) {
    throw new Error('the first line is not a Custodia custody-log header with a public key');
  }
  const events: CustodyEvent[] = [];
  let checkpoint: Checkpoint | null = null;
  for (const line of lines.slice(1)) {
    const record = JSON.parse(line) as { type?: string } & Record<string, unknown>;
    if (record.type === 'event') {
      const { type: _type, ...event } = record;
      events.push(event as unknown as CustodyEvent);
    } else if (record.type === 'checkpoint') {
      checkpoint = record as unknown as Checkpoint;
    } else {
      throw new Error(`a line of type "${String(record.type)}" is not an event or a checkpoint`);
    }
  }
  return { header, events, checkpoint };
}

export interface CustodyExtractProblem {
  kind: 'event-hash' | 'event-signature' | 'event-sequence' | 'event-link' | 'checkpoint-signature' | 'checkpoint-head' | 'public-key';
  event?: number;
  message: string;
}

/**
 * Checks every event's hash and signature against the header's key (or `expectedKey` when the
 * reader pinned one), the order, the links where the log is complete, and the checkpoint.
 */
export function verifyCustodyExtract(
  extract: ParsedCustodyExtract,
  crypto: Primitives,
  expectedKey?: string,
): { problems: CustodyExtractProblem[]; events: number } {
  const problems: CustodyExtractProblem[] = [];
  const { header, events, checkpoint } = extract;
  if (expectedKey && expectedKey.toLowerCase() !== header.publicKey) {
    problems.push({ kind: 'public-key', message: `the log is signed with ${header.publicKey}, not with the expected key ${expectedKey}` });
  }
  const publicKey = Buffer.from(header.publicKey, 'hex');
  let previous: CustodyEvent | undefined;
  for (const event of events) {
    if (previous && event.seq <= previous.seq) {
      problems.push({ kind: 'event-sequence', event: event.seq, message: `event ${event.seq} comes after event ${previous.seq}` });
    }
    if (header.scope === 'vault' && event.prev !== (previous ? previous.hash : GENESIS_HASH)) {
      problems.push({ kind: 'event-link', event: event.seq, message: `event ${event.seq} does not link to the event before it` });
    }
    let hashOk: boolean;
    try {
      hashOk = hashEvent(event) === event.hash;
    } catch {
      hashOk = false; // not encodable (a float, a lone surrogate): it cannot be the event that was signed
    }
    if (!hashOk)
      problems.push({ kind: 'event-hash', event: event.seq, message: `event ${event.seq} was altered: it no longer matches its hash` });
    if (!crypto.verifyDetached(Buffer.from(String(event.signature), 'hex'), Buffer.from(String(event.hash), 'hex'), publicKey)) {
      problems.push({
        kind: 'event-signature',
        event: event.seq,
        message: `event ${event.seq} (${event.action}) is not signed by ${header.publicKey.slice(0, 16)}…`,
      });
    }
    previous = event;
  }
  if (!checkpoint) {
    problems.push({ kind: 'checkpoint-signature', message: 'the log carries no signed checkpoint' });
  } else if (checkpoint.vaultId !== header.vaultId || !checkpointSignatureValid(checkpoint, publicKey, crypto)) {
    problems.push({ kind: 'checkpoint-signature', message: 'the checkpoint is not signed by the log’s key for this vault' });
  } else {
    const last = events.at(-1);
    if (last && last.seq > checkpoint.seq) {
      problems.push({
        kind: 'checkpoint-head',
        message: `events after the checkpoint (event ${last.seq} > ${checkpoint.seq}) were added later`,
      });
    }
    const atCheckpoint = events.find((event) => event.seq === checkpoint.seq);
    if (atCheckpoint && atCheckpoint.hash !== checkpoint.head) {
      problems.push({
        kind: 'checkpoint-head',
        event: checkpoint.seq,
        message: `event ${checkpoint.seq} is not the one the checkpoint vouches for`,
      });
    }
    if (header.scope === 'vault' && (!last || last.seq !== checkpoint.seq || last.hash !== checkpoint.head)) {
      problems.push({ kind: 'checkpoint-head', message: 'the complete log does not end at the signed checkpoint' });
    }
  }
  return { problems, events: events.length };
}
