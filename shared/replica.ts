/** What the window shows of the replica (docs/replica.md): the engine's replica state and Syncthing's view of it. */

/** One device the replica folder is shared with, as this computer's Syncthing sees it. */
export interface ReplicaDevice {
  id: string;
  name: string;
  connected: boolean;
  /** How much of the replica the device has, 0–100 (Syncthing's completion). */
  completion: number;
  needBytes: number;
  lastSeen: string | null;
}

/** Why Syncthing's view is missing: no configuration here, a GUI address not on this computer, the folder not shared, no answer. */
export type SyncthingCause = 'not-configured' | 'not-local' | 'not-shared' | 'no-answer';

/** Syncthing's view of the replica folder, or why there is none (not installed, not sharing it, not answering). */
export type SyncthingReport =
  | {
      available: false;
      /** Why, for the window to say in the reader's language; `reason` is the engine's sentence with the details. */
      cause: SyncthingCause;
      reason: string;
    }
  | {
      available: true;
      address: string;
      folder: { id: string; label: string; type: string; paused: boolean };
      /** When Syncthing last scanned the folder here (it then offers the new files). */
      lastScan: string | null;
      state: string;
      devices: ReplicaDevice[];
    };

/** The replica as the vault writes it (the engine's ReplicaLink state). */
export interface ReplicaState {
  dir: string | null;
  /** The newest state written, and the custody event it covers. */
  generation: number;
  seq: number;
  lastWrittenAt: string | null;
  /** The last write failure in one line; null while the replica keeps up. */
  error: string | null;
}

export interface ReplicaView extends ReplicaState {
  /** null when there is no replica folder. */
  syncthing: SyncthingReport | null;
}

/** The state a restore rebuilt (the engine's RestoreReport, and the restore job's result). */
export interface RestoredState {
  /** The state restored: its generation, time and the custody event it ends with. */
  generation: number;
  time: string;
  seq: number;
  /** Encrypted files copied, and their size. */
  blobs: number;
  bytes: number;
  /** Newer states that could not be used, each with what is missing. */
  skipped: Array<{ state: string; missing: string }>;
  /** Custody events present in the replica's log but in no complete state (a newer state missing). */
  newerEvents: { from: number; to: number } | null;
}

/** The result of a restore job: the new vault, the state restored and its full verification. */
export interface RestoreResult extends RestoredState {
  folder: string;
  /** Evidence items in the restored vault's cases. */
  items: number;
  verified: boolean;
  problems: string[];
}
