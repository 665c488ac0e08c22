/**
 * The native prebuilds the engine loads need a recent C library on Linux: glibc 2.34 and
 * GLIBCXX_3.4.29 (better-sqlite3-multiple-ciphers) and glibc 2.33 (sodium-native). When the engine
 * cannot load, say which system is needed instead of showing a loader error.
 */
export const MINIMUM_GLIBC = '2.34';
const MINIMUM_SYSTEMS = 'Ubuntu 22.04, Debian 12, Fedora 35 or newer';

/** The running glibc version (Node's process report), or null off glibc. */
export function runningGlibc(): string | null {
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime ?? null;
}

/** The dialog's title and message for an engine that failed to load. */
export function engineLoadFailure(error: unknown, platform: NodeJS.Platform, glibc: string | null): { title: string; message: string } {
  const detail = error instanceof Error ? error.message : String(error);
  if (platform === 'linux' && /GLIBC(XX)?_\d|glibc/i.test(detail)) {
    return {
      title: 'Custodia needs a newer Linux',
      message:
        `Custodia needs glibc ${MINIMUM_GLIBC} or newer (${MINIMUM_SYSTEMS}); this system has ${glibc ? `glibc ${glibc}` : 'an older or different C library'}.\n\n` +
        `Details: ${detail.split('\n')[0]}`,
    };
  }
  return { title: 'The Custodia engine could not be loaded', message: detail };
}
