import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../catalog/database.ts';
import { ArchiveError } from '../errors.ts';
import { HEADER_FILE } from '../vault/header.ts';
import { BLOB_DIR, CATALOG_FILE } from '../vault/vault.ts';
import { openEnvelope, sealEnvelope, type EnvelopeKeys } from './envelope.ts';
import {
  CATALOG_CHUNK_BYTES,
  DIRS,
  MARKER_FILE,
  Marker,
  TEMP_DIR,
  fannedOut,
  listFannedOut,
  listNames,
  parseName,
  publishBytes,
  publishFile,
  replicaWriteError,
  segmentName,
  sha256Of,
  stateName,
} from './layout.ts';
import { readCatalogSnapshot, type CatalogChunks } from './snapshot.ts';
import { SegmentBody, StateBody, type EventRow } from './state.ts';

export interface ReplicaSource {
  vaultDir: string;
  vaultId: string;
  db: Database;
  keys: EnvelopeKeys;
}

export interface FlushResult {
  /** The newest state in the replica after this flush. */
  generation: number;
  seq: number;
  /** What this flush added (0 when the vault had not changed). */
  newChunks: number;
  newBlobs: number;
  newEvents: number;
  /** Catalog chunks read and hashed (only those holding changed pages, after the first flush). */
  chunksRead: number;
}

/** Folders a Syncthing share may already hold before it becomes a replica. */
const SYNCTHING_FILES = new Set(['.stfolder', '.stignore', '.stversions']);

/** Writes the vault's changes into its replica folder; one per unlocked vault with a replica. */
export class ReplicaWriter {
  readonly dir: string;
  private readonly source: ReplicaSource;
  private readonly chunks: Set<string>;
  private readonly blobs: Set<string>;
  private generation = 0;
  private lastState: string | null = null;
  private lastSegment: string | null = null;
  private lastSeq = 0;
  private lastChunks: string[] = [];
  private lastHeader = '';
  /** The catalog as this writer's last successful flush left it; null until then, or after a failure. */
  private catalog: CatalogChunks | null = null;
  /** The newest state's custody event and time, for the status line. */
  private newestSeq = 0;
  private newestTime: string | null = null;

  private constructor(dir: string, source: ReplicaSource) {
    this.dir = dir;
    this.source = source;
    this.chunks = new Set(listFannedOut(path.join(dir, DIRS.catalog)));
    this.blobs = new Set(listFannedOut(path.join(dir, DIRS.blobs)));
    this.resume();
    // Only this writer's checkpoints fold the WAL into the file, so the WAL always lists every page
    // changed since the last flush (snapshot.ts); ReplicaLink.forget turns SQLite's own back on.
    source.db.pragma('wal_autocheckpoint = 0');
  }

  /** Makes `dir` the vault's replica (an empty folder, a fresh Syncthing share, or its own replica). */
  static designate(given: string, source: ReplicaSource): ReplicaWriter {
    const dir = path.resolve(given);
    refuseOverlap(dir, source.vaultDir);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const marker = readMarker(dir);
      if (marker) return ReplicaWriter.attach(dir, source);
      const strangers = listNames(dir).filter((name) => !SYNCTHING_FILES.has(name));
      if (strangers.length > 0) {
        throw new ArchiveError('foreign-folder', `${dir} is not empty and not a replica; choose an empty folder for the replica`);
      }
      for (const sub of [TEMP_DIR, ...Object.values(DIRS)]) mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
      // Syncthing skips our temp files; a half-written file is never carried.
      if (!existsSync(path.join(dir, '.stignore')))
        writeFileSync(path.join(dir, '.stignore'), `/${TEMP_DIR}\n*.partial-*\n`, { mode: 0o600 });
      const created: Marker = {
        format: 'custodia-replica',
        version: 1,
        vaultId: source.vaultId,
        publicKey: source.keys.publicKey.toString('hex'),
        createdAt: new Date().toISOString(),
      };
      publishBytes(dir, MARKER_FILE, Buffer.from(`${JSON.stringify(created, null, 2)}\n`));
    } catch (error) {
      throw replicaWriteError(dir, error);
    }
    return new ReplicaWriter(dir, source);
  }

  /** Opens the replica a vault already designated; refuses one that belongs to another vault. */
  static attach(dir: string, source: ReplicaSource): ReplicaWriter {
    const marker = readMarker(dir);
    if (!marker) throw new ArchiveError('not-found', `the replica folder ${dir} is missing or has no ${MARKER_FILE}`);
    if (marker.vaultId !== source.vaultId) {
      throw new ArchiveError('foreign-folder', `${dir} is already the replica of another vault (${marker.vaultId}); choose another folder`);
    }
    mkdirSync(path.join(dir, TEMP_DIR), { recursive: true, mode: 0o700 });
    return new ReplicaWriter(dir, source);
  }

  /** Picks up where the last writer stopped: the newest readable state and segment. */
  private resume(): void {
    const states = listNames(path.join(this.dir, DIRS.states))
      .filter((n) => parseName(n))
      .sort();
    for (const name of states.reverse()) {
      const opened = openEnvelope<unknown>(this.source.keys, readFileSync(path.join(this.dir, DIRS.states, name)));
      const body = 'body' in opened ? StateBody.safeParse(opened.body) : null;
      if (!body?.success) continue;
      this.generation = body.data.generation;
      this.lastState = name;
      this.lastChunks = body.data.catalog.chunks;
      this.lastHeader = body.data.header;
      this.newestSeq = body.data.log.seq;
      this.newestTime = body.data.time;
      break;
    }
    const segments = listNames(path.join(this.dir, DIRS.log))
      .filter((n) => parseName(n))
      .sort();
    for (const name of segments.reverse()) {
      const opened = openEnvelope<unknown>(this.source.keys, readFileSync(path.join(this.dir, DIRS.log, name)));
      if (!('body' in opened) || !SegmentBody.safeParse(opened.body).success) continue;
      this.lastSegment = name;
      this.lastSeq = opened.preamble.number;
      break;
    }
  }

  /**
   * Carries every change since the last flush: new blobs, new catalog chunks, a segment of new
   * custody events, and last the state that names them all. Files are written before the state, so a
   * replica with a state always has (or is still receiving) everything it names.
   */
  flush(): FlushResult {
    const { db, vaultDir, keys } = this.source;
    let newChunks = 0;
    try {
      const previous = this.catalog;
      // Should this flush fail half-way, the next one reads the whole catalog again.
      this.catalog = null;
      const snapshot = readCatalogSnapshot(db, path.join(vaultDir, CATALOG_FILE), this.lastSeq, previous, (hash, bytes) => {
        if (this.chunks.has(hash)) return;
        publishBytes(this.dir, fannedOut(DIRS.catalog, hash), bytes);
        this.chunks.add(hash);
        newChunks++;
      });
      let newBlobs = 0;
      for (const name of snapshot.blobFiles) {
        if (this.blobs.has(name)) continue;
        publishFile(this.dir, fannedOut(DIRS.blobs, name), fannedOut(path.join(vaultDir, BLOB_DIR), name));
        this.blobs.add(name);
        newBlobs++;
      }
      if (snapshot.events.length > 0) this.writeSegment(snapshot.events);
      const header = readFileSync(path.join(vaultDir, HEADER_FILE));
      const headerHash = sha256Of(header);
      if (headerHash !== this.lastHeader && !existsSync(path.join(this.dir, DIRS.headers, `${headerHash}.json`))) {
        publishBytes(this.dir, path.join(DIRS.headers, `${headerHash}.json`), header);
      }
      const unchanged =
        this.lastState !== null &&
        snapshot.events.length === 0 &&
        headerHash === this.lastHeader &&
        sameList(snapshot.chunks, this.lastChunks);
      if (!unchanged) {
        const body: StateBody = {
          v: 1,
          vaultId: this.source.vaultId,
          generation: this.generation + 1,
          time: new Date().toISOString(),
          previous: this.lastState,
          header: headerHash,
          catalog: { size: snapshot.size, chunkSize: CATALOG_CHUNK_BYTES, chunks: snapshot.chunks },
          log: { seq: snapshot.head.seq, head: snapshot.head.hash, segment: this.lastSegment },
          blobs: snapshot.blobFiles.length,
        };
        const file = sealEnvelope(keys, { kind: 'state', vaultId: body.vaultId, number: body.generation }, body);
        const name = stateName(body.generation, sha256Of(file));
        publishBytes(this.dir, path.join(DIRS.states, name), file);
        this.generation = body.generation;
        this.lastState = name;
        this.lastChunks = snapshot.chunks;
        this.lastHeader = headerHash;
        this.newestSeq = body.log.seq;
        this.newestTime = body.time;
      }
      this.catalog = { size: snapshot.size, chunks: snapshot.chunks };
      return {
        generation: this.generation,
        seq: this.newestSeq,
        newChunks,
        newBlobs,
        newEvents: snapshot.events.length,
        chunksRead: snapshot.chunksRead,
      };
    } catch (error) {
      throw replicaWriteError(this.dir, error);
    }
  }

  private writeSegment(events: EventRow[]): void {
    const last = events.at(-1)!.seq;
    const body: SegmentBody = { v: 1, vaultId: this.source.vaultId, previous: this.lastSegment, events };
    const file = sealEnvelope(this.source.keys, { kind: 'segment', vaultId: body.vaultId, number: last }, body);
    const name = segmentName(last, sha256Of(file));
    publishBytes(this.dir, path.join(DIRS.log, name), file);
    this.lastSegment = name;
    this.lastSeq = last;
  }

  /**
   * Removes all but the newest `keep` states and the catalog chunks only they used. Blobs and
   * custody-log segments are history and stay. Returns what was removed, for the custody log.
   */
  prune(keep: number): { states: number; chunks: number } {
    const states = listNames(path.join(this.dir, DIRS.states))
      .filter((n) => parseName(n))
      .sort();
    const doomed = states.slice(0, Math.max(0, states.length - keep));
    const kept = states.slice(doomed.length);
    const used = new Set<string>();
    for (const name of kept) {
      const opened = openEnvelope<unknown>(this.source.keys, readFileSync(path.join(this.dir, DIRS.states, name)));
      const body = 'body' in opened ? StateBody.safeParse(opened.body) : null;
      if (!body?.success) throw new ArchiveError('integrity', `the replica state ${name} is damaged; nothing was pruned`);
      for (const chunk of body.data.catalog.chunks) used.add(chunk);
    }
    for (const name of doomed) rmSync(path.join(this.dir, DIRS.states, name));
    let chunks = 0;
    for (const chunk of [...this.chunks]) {
      if (used.has(chunk)) continue;
      rmSync(path.join(this.dir, fannedOut(DIRS.catalog, chunk)), { force: true });
      this.chunks.delete(chunk);
      chunks++;
    }
    return { states: doomed.length, chunks };
  }

  get newest(): { generation: number; seq: number; time: string | null } {
    return { generation: this.generation, seq: this.newestSeq, time: this.newestTime };
  }
}

export function readMarker(dir: string): Marker | null {
  let text: string;
  try {
    text = readFileSync(path.join(dir, MARKER_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = text.length < 4096 ? Marker.safeParse(JSON.parse(text)) : null;
  if (!parsed?.success) throw new ArchiveError('integrity', `${path.join(dir, MARKER_FILE)} is damaged or not a Custodia replica marker`);
  return parsed.data;
}

/** A replica inside the vault (or the vault inside the replica) would copy itself or carry the live vault. */
function refuseOverlap(replicaDir: string, vaultDir: string): void {
  const real = (p: string) => {
    let existing = p;
    while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
    return path.join(realpathSync(existing), path.relative(existing, p));
  };
  const replica = real(replicaDir);
  const vault = real(vaultDir);
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}${path.sep}`);
  if (within(replica, vault))
    throw new ArchiveError('validation', `the replica folder ${replicaDir} is inside the vault; choose a folder outside it`);
  if (within(vault, replica))
    throw new ArchiveError('validation', `the replica folder ${replicaDir} contains the vault; choose a folder beside it`);
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, index) => value === b[index]);
