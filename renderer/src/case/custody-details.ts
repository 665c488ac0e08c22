import type { Formatters, Messages } from '../i18n/index.tsx';
import { label } from './label.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;
/** A stored date (2022-09-01, 2022-09): shown as the reader's language writes dates. */
const STORED_DATE = /^\d{4}-\d{2}(-\d{2})?$/;
/** Keys whose values are codes with a label table. */
const CODED: Record<string, (t: Messages) => Record<string, string>> = {
  status: (t) => t.labels.status,
  role: (t) => t.labels.role,
  type: (t) => t.labels.itemType,
  kind: (t) => t.labels.timelineKind,
  confidentiality: (t) => t.labels.confidentiality,
  derivation: (t) => t.record.derivations,
  via: (t) => t.caseView.via,
  what: (t) => t.app.vaultLog.what,
  mode: (t) => t.app.vaultLog.mode,
};

/**
 * A custody event's details as a reader sees them: field names and codes in the UI's language,
 * ids replaced by the names of the case, items and people they stand for (never a raw UUID), an
 * edit as "field: before → after".
 */
export function describeDetails(
  details: Record<string, unknown>,
  t: Messages,
  f: Formatters,
  names: ReadonlyMap<string, string>,
): Array<{ key: string; label: string; value: string }> {
  const show = (value: unknown, key = ''): string => {
    if (value === null || value === undefined || value === '') return t.record.empty;
    if (typeof value === 'boolean') return value ? t.record.yes : t.record.no;
    if (typeof value === 'number') return f.number(value);
    if (typeof value === 'string') {
      if (HASH.test(value)) return `${value.slice(0, 12)}…`;
      if (UUID.test(value)) return names.get(value) ?? t.caseView.subjectKind[key] ?? '…';
      if (STORED_DATE.test(value)) return f.partialDate(value);
      const table = CODED[key];
      return table ? label(table(t), value) : value;
    }
    if (Array.isArray(value)) return value.length === 0 ? t.record.empty : value.map((v) => show(v, key)).join(', ');
    if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.itemId === 'string')
        return t.record.citation(show(record.itemId), typeof record.page === 'number' ? record.page : null);
      if (typeof record.article === 'string')
        return t.labels.chargeArticle(record.article, typeof record.part === 'string' ? record.part : null);
      return Object.entries(record)
        .map(([k, v]) => `${fieldName(k)} ${show(v, k)}`)
        .join(', ');
    }
    return String(value);
  };
  const fieldName = (key: string) => t.record.fields[key] ?? t.caseView.detailKey[key] ?? t.app.vaultLog.detailKey[key] ?? key;
  const out: Array<{ key: string; label: string; value: string }> = [];
  const field = typeof details.field === 'string' ? details.field : null;
  if (field && ('old' in details || 'new' in details)) {
    const before = 'old' in details ? `${show(details.old, field)} → ` : '';
    out.push({ key: 'field', label: fieldName(field), value: `${before}${show(details.new, field)}` });
  } else if (field) {
    out.push({ key: 'field', label: t.caseView.detailKey.field ?? 'field', value: fieldName(field) });
  }
  for (const [key, value] of Object.entries(details)) {
    if (key === 'field' || (field && (key === 'old' || key === 'new'))) continue;
    out.push({ key, label: fieldName(key), value: show(value, key) });
  }
  return out;
}
