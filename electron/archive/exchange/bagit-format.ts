/**
 * The text formats of a BagIt bag (RFC 8493): bagit.txt, tag files such as bag-info.txt, and
 * manifests. Pure functions, no file access.
 */
export const BAGIT_VERSION = '1.0';
export const BAGIT_DECLARATION = `BagIt-Version: ${BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n`;
/** The algorithms we can check (RFC 8493 §2.4 names them in lowercase without dashes). */
export const SUPPORTED_ALGORITHMS = ['md5', 'sha1', 'sha256', 'sha512'] as const;
export type BagAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];
export const isSupportedAlgorithm = (name: string): name is BagAlgorithm => (SUPPORTED_ALGORITHMS as readonly string[]).includes(name);

export const PAYLOAD_MANIFEST = /^manifest-([a-z0-9]+)\.txt$/;
export const TAG_MANIFEST = /^tagmanifest-([a-z0-9]+)\.txt$/;

/** §2.1.3: CR, LF and % in a manifest path are percent-encoded. */
export const encodeManifestPath = (filePath: string) => filePath.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const decodeManifestPath = (encoded: string) => encoded.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

export function formatManifest(entries: Iterable<{ path: string; digest: string }>): string {
  let text = '';
  for (const entry of entries) text += `${entry.digest}  ${encodeManifestPath(entry.path)}\n`;
  return text;
}

export interface ManifestEntry {
  path: string;
  digest: string;
}

/** Lines are `DIGEST<whitespace>PATH`; returns the entries and the lines it could not read. */
export function parseManifest(text: string, algorithm: string): { entries: ManifestEntry[]; errors: string[] } {
  const digestLength = { md5: 32, sha1: 40, sha256: 64, sha512: 128 }[algorithm];
  const entries: ManifestEntry[] = [];
  const errors: string[] = [];
  const lines = stripBom(text).split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const match = /^([0-9A-Fa-f]+)[ \t]+\*?(.+)$/.exec(line);
    if (!match || (digestLength !== undefined && match[1]!.length !== digestLength)) {
      errors.push(`line ${index + 1} is not "checksum  path"`);
      return;
    }
    entries.push({ digest: match[1]!.toLowerCase(), path: decodeManifestPath(match[2]!) });
  });
  return { entries, errors };
}

/** `Label: value` lines; a line starting with whitespace continues the value before it (§2.2.2). */
export function parseTagFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of stripBom(text).split(/\r\n|\n|\r/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`"${line.slice(0, 60)}" is not a "Label: value" line`);
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}

/** Values may not hold line breaks; any that slipped in become spaces. */
export function formatTagFile(fields: Array<[string, string]>): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

export const payloadOxum = (octets: number, files: number) => `${octets}.${files}`;

export function parseOxum(value: string): { octets: number; files: number } | null {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  return match ? { octets: Number(match[1]), files: Number(match[2]) } : null;
}

function stripBom(text: string): string {
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
