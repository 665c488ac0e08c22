import type { SyncthingCause } from '../../../../shared/replica.ts';

/** The replica (issue #18, docs/replica.md): Settings → Replica, the sidebar line, the first-run restore; merged as `replica`. */
export const replicaEn = {
  title: 'Replica',
  intro:
    'Every change to the vault is also written into a replica folder, encrypted, so that Syncthing can carry it to another computer. Nothing in it can be read without the passphrase or the recovery key.',
  folder: 'Replica folder',
  none: 'No replica folder yet.',
  choose: 'Choose the replica folder…',
  change: 'Use another folder…',
  choosing: 'Writing the replica…',
  designated: 'The vault now writes every change into this folder. Share it with Syncthing as “Send Only” (docs/replica.md).',
  state: 'Newest state',
  stateValue: (generation: string, seq: string) => `${generation}, up to custody event ${seq}`,
  lastWritten: 'Last written',
  notYet: 'not yet',
  lastError: 'Last write failed',
  justNow: 'just now',
  refresh: 'Check again',
  browserIntro: 'Choose an empty folder outside the vault, on this computer or a removable drive: Syncthing will share it.',
  syncthing: {
    title: 'Syncthing',
    cause: {
      'not-configured': 'Syncthing is not set up on this computer, or its configuration was not found.',
      'not-local': 'Syncthing’s control address is not on this computer, so Custodia does not ask it.',
      'not-shared': 'Syncthing does not share this folder yet. Add it in Syncthing as a “Send Only” folder.',
      'no-answer': 'Syncthing did not answer. Is it running?',
    } satisfies Record<SyncthingCause, string>,
    at: (address: string) => `Syncthing at ${address}`,
    folderState: (label: string, type: string, state: string) => `Folder “${label}” (${type}): ${state}`,
    types: {
      sendonly: 'Send Only',
      sendreceive: 'Send & Receive',
      receiveonly: 'Receive Only',
      receiveencrypted: 'Receive Encrypted',
    } as Record<string, string>,
    states: { idle: 'up to date', scanning: 'scanning', 'scan-waiting': 'waiting to scan', syncing: 'syncing', error: 'error' } as Record<
      string,
      string
    >,
    paused: 'paused',
    lastScan: (time: string) => `Last scanned here ${time}.`,
    noDevices: 'The folder is not shared with any other device yet.',
    device: 'Device',
    connection: 'Connection',
    completion: 'Has',
    lastSeen: 'Last seen',
    connected: 'connected',
    disconnected: 'not connected',
    never: 'never',
  },
  prune: {
    title: 'Old states',
    intro:
      'Each change adds a state to the replica. Removing old states frees space: the encrypted files and the custody log stay, and the states kept can still be restored. The custody log records the removal.',
    keep: 'States to keep',
    keepHint: 'The newest ones are kept.',
    keepInvalid: 'Type a whole number from 1 to 10,000.',
    submit: 'Remove older states…',
    confirm: (keep: string) =>
      `Remove every state but the newest ${keep}? The vault can then no longer be restored from this replica as it was before them.`,
    yes: 'Remove them',
    no: 'Keep them',
    done: (states: string, chunks: string) =>
      `Removed ${states} state(s) and ${chunks} catalog piece(s) only they used. The custody log records it.`,
  },
  line: {
    none: 'Replica: not set up',
    pending: 'Replica: not written yet',
    written: (ago: string) => `Replica: written ${ago}`,
    failed: (error: string) => `Replica: write failed — ${error}`,
    syncthingOff: 'Syncthing: not available',
    syncthingDevices: (synced: string, total: string) => `Syncthing: ${synced} of ${total} device(s) up to date`,
    syncthingAlone: 'Syncthing: shared with no device',
  },
  restore: {
    title: 'Restore from a replica',
    intro:
      'On a new computer: rebuild the vault from its replica (for example the folder Syncthing carried here) into an empty folder, with the passphrase or the recovery key. Every file is checked before the vault opens.',
    show: 'Restore from a replica…',
    browserIntro: 'Choose the replica folder: the one Syncthing carried here, or a copy of it.',
    replica: 'Replica folder',
    into: 'Empty folder for the restored vault',
    needReplica: 'Choose the replica folder.',
    needInto: 'Choose an empty folder for the restored vault.',
    passphrase: 'Passphrase of the vault',
    submit: 'Restore',
    running: 'Restoring…',
    restored: 'The vault was restored and every file checked.',
    withProblems: 'The vault was restored, but the check found problems:',
    folder: (folder: string) => `Restored into ${folder}.`,
    state: (generation: string, time: string) => `State ${generation}, written ${time}.`,
    counts: (items: string, files: string, size: string) => `${items} item(s); ${files} encrypted file(s), ${size}.`,
    skipped: 'Newer states could not be used (their files have not all arrived yet):',
    skippedState: (state: string, missing: string) => `${state}: lacks ${missing}`,
    newerEvents: (from: string, to: string) =>
      `The replica’s custody log also holds events ${from}–${to}, which no complete state covers: they are not in the restored vault.`,
    open: 'Open the restored vault',
    opening: 'Opening…',
  },
};

export type ReplicaMessages = typeof replicaEn;
