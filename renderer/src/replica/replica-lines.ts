import type { ReplicaView, SyncthingReport } from '../../../shared/replica.ts';
import type { Formatters, Messages } from '../i18n/index.tsx';

export type Tone = 'ok' | 'muted' | 'error';

/** The replica in one short line (the sidebar, beside the integrity status): written when, not set up, or the error. */
export function replicaLine(view: ReplicaView, t: Messages, f: Formatters, now = Date.now()): { text: string; tone: Tone } {
  const line = t.replica.line;
  if (!view.dir) return { text: line.none, tone: 'muted' };
  if (view.error) return { text: line.failed(view.error), tone: 'error' };
  if (!view.lastWrittenAt) return { text: line.pending, tone: 'muted' };
  return { text: line.written(f.ago(view.lastWrittenAt, now)), tone: 'ok' };
}

/** Syncthing's view in one short line: how many of the devices sharing the folder hold all of it. */
export function syncthingLine(syncthing: SyncthingReport, t: Messages, f: Formatters): { text: string; tone: Tone } {
  const line = t.replica.line;
  if (!syncthing.available) return { text: line.syncthingOff, tone: 'muted' };
  if (syncthing.devices.length === 0) return { text: line.syncthingAlone, tone: 'muted' };
  const synced = syncthing.devices.filter((device) => device.completion >= 100).length;
  return {
    text: line.syncthingDevices(f.number(synced), f.number(syncthing.devices.length)),
    tone: synced === syncthing.devices.length ? 'ok' : 'muted',
  };
}
