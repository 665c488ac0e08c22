import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder Electron calls userData for an app named "Custodia", computed without Electron so
 * the CLI, browser mode and the desktop app all find the same vault.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Custodia');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Custodia');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Custodia');
}

/** `CUSTODIA_VAULT` wins; otherwise the vault lives in the user-data folder. */
export function defaultVaultDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CUSTODIA_VAULT ? path.resolve(env.CUSTODIA_VAULT) : path.join(userDataDir(env), 'vault');
}

/** The demo vault sits beside the real one, never inside it and never in its place. */
export function demoVaultDir(vaultDir: string): string {
  return path.join(path.dirname(path.resolve(vaultDir)), 'demo-vault');
}

/**
 * The app's own files (resources/): beside the code in a checkout and in the main bundle
 * (out/main is as deep as electron/archive), `<resourcesPath>/resources` when packaged.
 */
export function resourcesDir(): string {
  const beside = fileURLToPath(new URL('../../resources', import.meta.url));
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (!existsSync(beside) && packaged) return path.join(packaged, 'resources');
  return beside;
}
