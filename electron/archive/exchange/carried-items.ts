import { z } from 'zod';
import type { ItemSummary } from '../../../shared/model.ts';
import { Acquisition, ItemMetadata, describeIssues } from '../../../shared/schemas.ts';
import { ArchiveError } from '../errors.ts';
import { dropNulls } from '../records/recreate.ts';

/**
 * The item records a package manifest or a bag catalog carries come from someone else, signed or
 * not: every field the import reads has a type and a bound here, and every record is checked
 * before anything is stored. A number where a name belongs, an unknown type or a size that is not
 * a whole number of bytes is one refusal naming the record and the field, never a TypeError, and
 * never a case half made.
 */
const MAX_ITEMS = 100_000;
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 (64 lowercase hexadecimal characters)');
const Size = z
  .number()
  .int('must be a whole number of bytes')
  .min(0, 'must not be negative')
  .max(2 ** 44, 'is beyond any real file (more than 16 TiB)');

/** What every carried item has, whatever carries it; other fields are read only through the schemas below. */
const CarriedItemCore = z.looseObject({
  id: z.string().min(1).max(100),
  originalName: z.string().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
  size: Size,
  sha256: Sha256Hex,
  mimeType: z.string().max(200).optional(),
  sourceModifiedAt: z.string().max(64).nullable().optional(),
  acquisition: z.unknown(),
});

/** A bag catalog's own fields the import reads (its cases and people are checked by checkCaseRecords, its items below). */
export const BagCatalogEnvelope = z.looseObject({
  format: z.literal('custodia-bag-catalog', 'must be "custodia-bag-catalog"'),
  vaultId: z.string().min(1).max(100),
  cases: z.array(z.looseObject({ id: z.string().min(1).max(100) })).max(MAX_ITEMS),
  items: z.array(z.unknown()),
});

/** A bag catalog's item: the core, its path in the bag, and the catalog fields as ItemSummary has them. */
export const BagCatalogItemRecord = CarriedItemCore.extend({ bagPath: z.string().min(1).max(4096) });

/** A package manifest's item: the core and its metadata as the import takes it. */
export const PackageItemRecord = CarriedItemCore.extend({ metadata: z.unknown() });

/**
 * Checks every record; answers null when all hold, else the first problem as
 * `items[3].originalName: Invalid input: expected string, received number`.
 */
export function carriedItemsProblem(
  items: unknown,
  record: z.ZodType,
  metadataOf: (item: Record<string, unknown>) => unknown,
): string | null {
  if (!Array.isArray(items)) return 'items: must be a list';
  if (items.length > MAX_ITEMS) return `items: holds ${items.length} entries, more than ${MAX_ITEMS}`;
  for (const [index, item] of items.entries()) {
    const label = `items[${index}]`;
    const core = record.safeParse(item);
    if (!core.success) return describeIssues(core.error, label);
    const fields = item as Record<string, unknown>;
    const metadata = ItemMetadata.safeParse(metadataOf(fields));
    if (!metadata.success) return describeIssues(metadata.error, `${label}.metadata`);
    const acquisition = fields.acquisition;
    if (acquisition !== null && acquisition !== undefined) {
      const parsed = Acquisition.safeParse(isRecord(acquisition) ? dropNulls(acquisition) : acquisition);
      if (!parsed.success) return describeIssues(parsed.error, `${label}.acquisition`);
    }
  }
  return null;
}

/** The same check as one refusal naming the carrier. */
export function checkCarriedItems(
  carrier: 'package' | 'bag',
  items: unknown,
  record: z.ZodType,
  metadataOf: (item: Record<string, unknown>) => unknown,
): void {
  const problem = carriedItemsProblem(items, record, metadataOf);
  if (problem) throw new ArchiveError('validation', `the item records in the ${carrier} are not valid, nothing was imported: ${problem}`);
}

/** The catalog fields an item is carried and imported with (ItemMetadata's shape). */
export function itemMetadataFrom(item: ItemSummary): Record<string, unknown> {
  return dropNulls({
    type: item.type,
    title: item.title,
    documentDate: item.documentDate,
    issuingBody: item.issuingBody,
    language: item.language,
    description: item.description,
    confidentiality: item.confidentiality,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
