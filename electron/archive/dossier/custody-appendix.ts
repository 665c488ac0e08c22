/** The chain-of-custody appendix of a case dossier: each exhibit's custody events, in the dossier's language. */
import type { CustodyEvent } from '../custody/log.ts';
import type { ItemSummary } from '../../../shared/model.ts';
import type { DossierLabels } from './labels.ts';
import { batesNumber, readableTime } from './structure.ts';
import type { Typesetter } from './typesetter.ts';

export function drawCustody(
  ts: Typesetter,
  labels: DossierLabels,
  placed: Array<{ number: string; item: ItemSummary }>,
  events: Map<string, CustodyEvent[]>,
  redact: (text: string) => string,
): void {
  ts.text(labels.custodyIntro, { size: 9, grey: true, after: 8 });
  for (const { number, item } of placed) {
    ts.heading(`${labels.exhibit} ${number}: ${redact(item.title ?? item.originalName)}`, 3);
    ts.table(
      [
        { title: '#', width: 0.7 },
        { title: labels.time, width: 2.1 },
        { title: labels.action, width: 2.6 },
        { title: labels.actor, width: 1.8 },
        { title: labels.details, width: 4.8 },
      ],
      (events.get(item.id) ?? []).map((event) => [
        String(event.seq),
        readableTime(event.time),
        labels.custodyAction(event.action),
        redact(event.actor),
        redact(describeDetails(labels, event.details)),
      ]),
      { size: 7.5 },
    );
  }
}

/** "key: value; …" with the keys (and the values the application itself writes) in the dossier's language. */
export function describeDetails(labels: DossierLabels, details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${labels.detailKey(key)}: ${describeValue(labels, key, value)}`)
    .join('; ');
}

function describeValue(labels: DossierLabels, key: string, value: unknown): string {
  if (typeof value === 'string') return key === 'type' ? labels.itemType(value) : labels.detailValue(value);
  if (typeof value === 'boolean') return labels.detailValue(String(value));
  if (value === null) return labels.none;
  if (key === 'bates' && isBatesRange(value)) return `${batesNumber(value.prefix, value.first)} – ${batesNumber(value.prefix, value.last)}`;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => labels.detailValue(v)).join(', ');
  return JSON.stringify(value);
}

function isBatesRange(value: unknown): value is { prefix: string; first: number; last: number } {
  const v = value as { prefix?: unknown; first?: unknown; last?: unknown } | null;
  return !!v && typeof v.prefix === 'string' && typeof v.first === 'number' && typeof v.last === 'number';
}
