/**
 * The canonical encoding hashed and signed in the custody log: JSON with object keys sorted (all
 * our keys are ASCII, where UTF-16 and code-point order agree), no whitespace, integers only,
 * well-formed Unicode only, UTF-8. It is what Python's
 * `json.dumps(value, sort_keys=True, separators=(',', ':'), ensure_ascii=False)` prints for the
 * same value, so a third party can recompute every hash without Custodia (docs/custody-log.md).
 */
export type CanonicalValue = null | boolean | number | string | CanonicalValue[] | { [key: string]: CanonicalValue };

export function canonicalJson(value: unknown): string {
  if (typeof value === 'string' && !value.isWellFormed())
    throw new TypeError('custody log text must be well-formed Unicode (a lone surrogate was found)');
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`custody log values must be safe integers, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode ${typeof value} in the custody log`);
}
