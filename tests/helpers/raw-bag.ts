// Tests only: a bag of a case as the engine exports it, its catalog then rewritten as a hostile
// sender could (who also leaves out the optional tag manifests that would notice).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Archive } from '../../electron/archive/archive.ts';

export async function bagWithAlteredCatalog(
  sender: Archive,
  caseId: string,
  out: string,
  alter: (catalog: Record<string, unknown> & { items: Array<Record<string, unknown>> }) => void,
): Promise<string> {
  await sender.exportBag({ caseId, out });
  const catalogFile = path.join(out, 'custodia', 'catalog.json');
  const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
  alter(catalog);
  writeFileSync(catalogFile, JSON.stringify(catalog));
  for (const tag of readdirSync(out).filter((name) => name.startsWith('tagmanifest-'))) rmSync(path.join(out, tag));
  return out;
}
