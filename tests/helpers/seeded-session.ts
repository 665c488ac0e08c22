// One vault for one test file, opened and seeded the way the engine tests need it: a real vault in a
// temp folder (real Argon2id, real XChaCha20 blobs, the real SQLCipher catalog), a case, a person in
// it and one imported item. Every part of the seed can be replaced by the test's own, or left out.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Archive, type ArchiveOptions } from '../../electron/archive/index.ts';
import { makePdf } from './documents.ts';
import { PASSPHRASE, tempDir } from './files.ts';

export interface SeedPerson {
  input: Record<string, unknown>;
  role: string;
}

export interface SeedItem {
  /** The file's name in the temp folder (the name the item keeps). */
  name: string;
  /** Its bytes, or a function that writes the file (for a large one written in pieces). */
  content: string | Uint8Array | ((file: string) => Promise<void> | void);
  metadata?: Record<string, unknown>;
}

/** The known seed: the case of Serik Adilbekuly, detained in Zhanaozen, and the court's verdict. */
export const SEED = {
  case: {
    title: 'Дело Серика Әділбекұлы',
    city: 'Жаңаөзен',
    narrative: 'Находился в қамауда с января 2022 года; ёлка у дома.',
    charges: [{ article: '272', title: 'участие в массовых беспорядках' }],
  },
  person: { input: { name: 'Әділбекұлы Серік' }, role: 'defendant' },
  item: {
    name: 'decision.pdf',
    content: makePdf([['Verdict of the city court'], ['The defendant is sentenced.']]),
    metadata: { type: 'court-decision', title: 'Приговор суда Жанаозена', issuingBody: 'Жанаозенский городской суд' },
  },
} satisfies { case: Record<string, unknown>; person: SeedPerson; item: SeedItem };

export interface SeedOptions {
  /** The temp folder's name prefix. */
  prefix?: string;
  /** What Archive.create is given besides the folder and passphrase (a clock, other primitives). */
  archive?: ArchiveOptions;
  /** The case (addCase input); SEED.case if not given. */
  case?: Record<string, unknown>;
  /** The person linked to the case; SEED.person if not given, none if false. */
  person?: SeedPerson | false;
  /** The item imported into the case; SEED.item if not given, none if false. */
  item?: SeedItem | false;
}

export interface SeededSession {
  archive: Archive;
  /** The temp folder: the vault is `vault/` in it, the item's source file beside it. */
  dir: string;
  vault: string;
  caseId: string;
  /** Only when a person was seeded (reading it otherwise throws). */
  readonly personId: string;
  /** Only when an item was seeded (reading it otherwise throws). */
  readonly itemId: string;
  /** The imported file's path in the temp folder. */
  readonly itemFile: string;
  /** Locks the archive if it is still unlocked and removes the temp folder. */
  close(): void;
}

export async function openSeededSession(options: SeedOptions = {}): Promise<SeededSession> {
  const dir = tempDir(options.prefix ?? 'custodia-seeded-');
  const vault = path.join(dir, 'vault');
  const { archive } = await Archive.create(vault, PASSPHRASE, options.archive);
  const caseId = archive.addCase(options.case ?? SEED.case);
  const person = options.person ?? SEED.person;
  const personId = person ? archive.addPerson(person.input, { caseId, role: person.role }) : null;
  const item = options.item ?? SEED.item;
  let itemId: string | null = null;
  let itemFile: string | null = null;
  if (item) {
    itemFile = path.join(dir, item.name);
    if (typeof item.content === 'function') await item.content(itemFile);
    else writeFileSync(itemFile, item.content);
    itemId = (await archive.importFile(caseId, itemFile, item.metadata ? { metadata: item.metadata } : {})).id;
  }
  const seeded = (value: string | null, what: string) => {
    if (value === null) throw new Error(`this session was opened without ${what}`);
    return value;
  };
  return {
    archive,
    dir,
    vault,
    caseId,
    get personId() {
      return seeded(personId, 'a person');
    },
    get itemId() {
      return seeded(itemId, 'an item');
    },
    get itemFile() {
      return seeded(itemFile, 'an item');
    },
    close() {
      if (!archive.isLocked) archive.lock();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
