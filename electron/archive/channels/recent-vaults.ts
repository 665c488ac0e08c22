import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomicSync } from '../fs-durable.ts';

const MAX_RECENT = 10;
const Stored = z.array(z.object({ folder: z.string().max(4096), openedAt: z.string().max(40) })).max(100);

/**
 * The vault folders opened on this computer, newest first, in a small JSON file outside every
 * vault (beside the default vault, in the user-data folder). It holds folder paths and dates only;
 * a damaged file is treated as empty rather than stopping the app.
 */
export class RecentVaults {
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async list(): Promise<Array<{ folder: string; openedAt: string }>> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  /** Puts `folder` first; `replacing` (a vault found again elsewhere) leaves the list with it. */
  async remember(folder: string, replacing?: string): Promise<void> {
    const resolved = path.resolve(folder);
    const gone = replacing === undefined ? null : path.resolve(replacing);
    const entries = (await this.list()).filter((entry) => entry.folder !== resolved && entry.folder !== gone);
    await this.write([{ folder: resolved, openedAt: new Date().toISOString() }, ...entries]);
  }

  /** True when `folder` was opened as a vault on this computer (so an empty or absent folder there is a vault gone missing). */
  async has(folder: string): Promise<boolean> {
    const resolved = path.resolve(folder);
    return (await this.list()).some((entry) => entry.folder === resolved);
  }

  async forget(folder: string): Promise<void> {
    const resolved = path.resolve(folder);
    await this.write((await this.list()).filter((entry) => entry.folder !== resolved));
  }

  private async write(entries: Array<{ folder: string; openedAt: string }>): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomicSync(this.file, `${JSON.stringify(entries.slice(0, MAX_RECENT), null, 2)}\n`);
  }
}
