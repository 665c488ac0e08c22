// Two (or more) real Syncthing instances on this computer only: every address is 127.0.0.1, and
// discovery, relays, NAT traversal, STUN, usage and crash reporting and upgrades are off before the
// first start, so nothing leaves the loopback interface.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const SYNCTHING = '/usr/bin/syncthing';

export function syncthingMissing(): string | false {
  const probe = spawnSync(SYNCTHING, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 ? false : 'Syncthing is not installed (Debian package syncthing)';
}

export interface SyncthingNode {
  name: string;
  home: string;
  deviceId: string;
  apiKey: string;
  listenPort: number;
  guiPort: number;
  process: ChildProcess | null;
  log: string[];
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const env = (home: string) => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  STNOUPGRADE: '1',
  STNODEFAULTFOLDER: '1',
  STNORESTART: '1',
});

/** Keys and certificate made offline (`syncthing generate`); the config is written by `configure`. */
export async function createNode(root: string, name: string): Promise<SyncthingNode> {
  const home = path.join(root, `syncthing-${name}`);
  mkdirSync(home, { recursive: true });
  const generated = spawnSync(SYNCTHING, ['generate', '--home', home], { encoding: 'utf8', timeout: 60_000, env: env(home) });
  const deviceId = /Device ID: ([A-Z0-9-]{63})/.exec(`${generated.stdout}${generated.stderr}`)?.[1];
  const apiKey = /<apikey>([^<]+)<\/apikey>/.exec(readFileSync(path.join(home, 'config.xml'), 'utf8'))?.[1];
  if (!deviceId || !apiKey) throw new Error(`syncthing generate failed: ${generated.stderr}`);
  return { name, home, deviceId, apiKey, listenPort: await freePort(), guiPort: await freePort(), process: null, log: [] };
}

export interface SharedFolder {
  id: string;
  path: string;
  type: 'sendonly' | 'receiveonly' | 'sendreceive';
}

/** Writes the whole config.xml: this node, its peers at their loopback addresses, and the folder. */
export function configure(node: SyncthingNode, peers: SyncthingNode[], folder: SharedFolder, maxRecvKbps = 0): void {
  const everyone = [node, ...peers];
  const deviceRefs = everyone.map((d) => `<device id="${d.deviceId}" introducedBy=""></device>`).join('');
  const devices = everyone
    .map(
      (d) =>
        `<device id="${d.deviceId}" name="${d.name}" compression="metadata" introducer="false"><address>tcp://127.0.0.1:${d.listenPort}</address><autoAcceptFolders>false</autoAcceptFolders></device>`,
    )
    .join('\n    ');
  const xml = `<configuration version="36">
    <folder id="${folder.id}" label="Custodia replica" path="${folder.path}" type="${folder.type}" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>${deviceRefs}<minDiskFree unit="%">0</minDiskFree><order>smallestFirst</order>
    </folder>
    ${devices}
    <gui enabled="true" tls="false" debugging="false"><address>127.0.0.1:${node.guiPort}</address><apikey>${node.apiKey}</apikey></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${node.listenPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urInitialDelayS>86400</urInitialDelayS>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <startBrowser>false</startBrowser>
        <announceLANAddresses>false</announceLANAddresses>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunKeepaliveMinS>0</stunKeepaliveMinS>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
        <setLowPriority>false</setLowPriority>
        <maxRecvKbps>${maxRecvKbps}</maxRecvKbps>
        <limitBandwidthInLan>true</limitBandwidthInLan>
    </options>
</configuration>
`;
  writeFileSync(path.join(node.home, 'config.xml'), xml);
}

export function start(node: SyncthingNode): void {
  const child = spawn(SYNCTHING, ['serve', '--no-browser', '--no-restart', '--home', node.home], {
    env: env(node.home),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    node.log.push(chunk.toString('utf8'));
    if (node.log.length > 400) node.log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  node.process = child;
}

/** SIGKILL: the harshest stop, as a crash or a pulled plug. */
export function kill(node: SyncthingNode): void {
  node.process?.kill('SIGKILL');
  node.process = null;
}

export async function stop(node: SyncthingNode): Promise<void> {
  const child = node.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  node.process = null;
}

export async function api(node: SyncthingNode, route: string, method = 'GET'): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${node.guiPort}${route}`, {
    method,
    headers: { 'X-API-Key': node.apiKey },
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`${route}: ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Polls `check` at most `attempts` times, `intervalMs` apart, and no longer than `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | false>,
  { attempts = 240, intervalMs = 500, timeoutMs = 120_000 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; attempt < attempts && Date.now() < deadline; attempt++) {
    const value = await check().catch(() => null);
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`gave up waiting for ${what} after ${attempts} attempts or ${timeoutMs / 1000} s`);
}

/** B has everything A offers in the folder (Syncthing's own completion, as A sees B). */
export async function inSync(a: SyncthingNode, b: SyncthingNode, folderId: string): Promise<boolean> {
  await api(a, `/rest/db/scan?folder=${folderId}`, 'POST');
  const completion = (await api(a, `/rest/db/completion?folder=${folderId}&device=${b.deviceId}`)) as {
    completion: number;
    needItems: number;
  };
  const local = (await api(b, `/rest/db/status?folder=${folderId}`)) as { needFiles: number; state: string };
  return completion.completion === 100 && completion.needItems === 0 && local.needFiles === 0 && local.state === 'idle';
}
