import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { ReplicaDevice, SyncthingReport } from '../../../shared/replica.ts';

/**
 * Reads Syncthing's own REST API on this computer to tell whether the replica folder has reached
 * each device it is shared with. Only a loopback GUI address is ever contacted; the address and the
 * API key come from Syncthing's config.xml (docs/replica.md).
 */
// The report's shape is the window's too (Settings → Replica), so it is defined in shared/.
export type { SyncthingReport } from '../../../shared/replica.ts';

interface GuiConfig {
  address: string;
  apiKey: string;
  tls: boolean;
}

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 3000;

/** Where Syncthing keeps config.xml: --home, then STHOMEDIR, then the platform's defaults. */
export function syncthingHomes(given?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (given) return [given];
  if (env.STHOMEDIR) return [env.STHOMEDIR];
  const home = os.homedir();
  if (process.platform === 'win32') return [path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Syncthing')];
  if (process.platform === 'darwin') return [path.join(home, 'Library', 'Application Support', 'Syncthing')];
  return [
    path.join(env.XDG_STATE_HOME || path.join(home, '.local', 'state'), 'syncthing'),
    path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'syncthing'),
  ];
}

export function readGuiConfig(home: string): GuiConfig | string {
  const file = path.join(home, 'config.xml');
  if (!existsSync(file)) return `no Syncthing configuration at ${file}`;
  if (statSync(file).size > MAX_CONFIG_BYTES) return `${file} is too large to be Syncthing's configuration`;
  const xml = readFileSync(file, 'utf8');
  const gui = /<gui\b([^>]*)>([\s\S]*?)<\/gui>/.exec(xml);
  const address = gui && /<address>([^<]{1,200})<\/address>/.exec(gui[2]!)?.[1]?.trim();
  const apiKey = gui && /<apikey>([A-Za-z0-9_-]{1,200})<\/apikey>/.exec(gui[2]!)?.[1];
  if (!address || !apiKey) return `${file} names no GUI address or API key`;
  return { address, apiKey, tls: /\btls="true"/.test(gui![1]!) };
}

/** Only 127.0.0.0/8, ::1 and localhost: the status never goes past this computer. */
function loopbackUrl(address: string, tls: boolean): URL | null {
  const withScheme = /^https?:\/\//.test(address) ? address : `${tls ? 'https' : 'http'}://${address}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  return loopback ? url : null;
}

function getJson(base: URL, apiKey: string, route: string): Promise<unknown> {
  const url = new URL(route, base);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // Syncthing's GUI certificate is self-signed; the address is loopback and the API key authenticates us.
    const request = client.get(url, { headers: { 'X-API-Key': apiKey }, timeout: TIMEOUT_MS, rejectUnauthorized: false }, (response) => {
      const parts: Buffer[] = [];
      let size = 0;
      response.on('data', (part: Buffer) => {
        size += part.length;
        if (size > MAX_RESPONSE_BYTES) request.destroy(new Error('answer too large'));
        else parts.push(part);
      });
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`${route} answered ${response.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(parts).toString('utf8')));
        } catch {
          reject(new Error(`${route} answered with malformed JSON`));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', reject);
  });
}

interface FolderConfig {
  id: string;
  label: string;
  path: string;
  type: string;
  paused: boolean;
  devices: Array<{ deviceID: string }>;
}

const realOrSelf = (p: string) => {
  try {
    return realpathSync(p.replace(/^~(?=$|\/)/, os.homedir()));
  } catch {
    return path.resolve(p);
  }
};

/** Syncthing's view of the replica folder and of every device it is shared with. */
export async function syncthingStatus(replicaDir: string, home?: string): Promise<SyncthingReport> {
  let gui: GuiConfig | string = 'Syncthing is not set up on this computer';
  for (const candidate of syncthingHomes(home)) {
    gui = readGuiConfig(candidate);
    if (typeof gui !== 'string') break;
  }
  if (typeof gui === 'string') return { available: false, cause: 'not-configured', reason: gui };
  const base = loopbackUrl(gui.address, gui.tls);
  if (!base)
    return {
      available: false,
      cause: 'not-local',
      reason: `Syncthing's GUI address ${gui.address} is not on this computer (loopback); not contacted`,
    };
  const get = (route: string) => getJson(base, gui.apiKey, route);
  try {
    const folders = (await get('/rest/config/folders')) as FolderConfig[];
    const wanted = realOrSelf(replicaDir);
    const folder = folders.find((f) => realOrSelf(f.path) === wanted);
    if (!folder)
      return { available: false, cause: 'not-shared', reason: `Syncthing does not share ${replicaDir} (add it as a folder, "Send Only")` };
    const [myId, devices, connections, deviceStats, folderStats, dbStatus] = (await Promise.all([
      get('/rest/system/status').then((s) => (s as { myID: string }).myID),
      get('/rest/config/devices'),
      get('/rest/system/connections'),
      get('/rest/stats/device'),
      get('/rest/stats/folder'),
      get(`/rest/db/status?folder=${encodeURIComponent(folder.id)}`),
    ])) as [
      string,
      Array<{ deviceID: string; name: string }>,
      { connections: Record<string, { connected: boolean }> },
      Record<string, { lastSeen?: string }>,
      Record<string, { lastScan?: string }>,
      { state?: string },
    ];
    const shared = folder.devices.map((d) => d.deviceID).filter((id) => id !== myId);
    const report: ReplicaDevice[] = [];
    for (const id of shared) {
      const completion = (await get(`/rest/db/completion?folder=${encodeURIComponent(folder.id)}&device=${encodeURIComponent(id)}`)) as {
        completion: number;
        needBytes: number;
      };
      const lastSeen = deviceStats[id]?.lastSeen;
      report.push({
        id,
        name: devices.find((d) => d.deviceID === id)?.name || id.slice(0, 7),
        connected: connections.connections[id]?.connected ?? false,
        completion: Math.round(completion.completion * 100) / 100,
        needBytes: completion.needBytes,
        lastSeen: lastSeen && !lastSeen.startsWith('1970') ? lastSeen : null,
      });
    }
    const lastScan = folderStats[folder.id]?.lastScan;
    return {
      available: true,
      address: base.origin,
      folder: { id: folder.id, label: folder.label, type: folder.type, paused: folder.paused },
      lastScan: lastScan && !lastScan.startsWith('1970') ? lastScan : null,
      state: dbStatus.state ?? 'unknown',
      devices: report,
    };
  } catch (error) {
    return { available: false, cause: 'no-answer', reason: `Syncthing at ${base.origin} did not answer: ${(error as Error).message}` };
  }
}
