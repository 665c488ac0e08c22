/**
 * What a UN working group asks of each person deprived of liberty (date and place of arrest, the
 * authority, the legal basis, the current place of detention), and the consent behind a submission
 * (the powers of attorney). Both are read from the case record; what is not recorded says so.
 */
import { POA_WARNING_DAYS } from '../../../shared/limits.ts';
import type { CaseDetail, ItemSummary, PowerOfAttorney, TimelineEntry } from '../../../shared/model.ts';
import type { CaseView, ViewPerson } from './case-view.ts';
import { describeCharge, describeStatus } from './common.ts';
import type { DossierLabels } from './labels.ts';
import type { Typesetter } from './typesetter.ts';

type Redact = (text: string) => string;

/** Statuses under which a person is held; their place is the place of the latest detention or sentence. */
const HELD_STATUSES = new Set(['pre-trial-detention', 'sentenced']);
const HOLDING_EVENTS = new Set(['detention', 'sentence']);

export interface DetentionFacts {
  arrestDate: string;
  arrestPlace: string;
  authority: string;
  circumstances: string;
  legalBasis: string;
  currentStatus: string;
  placeOfDetention: string;
}

/** The events about a person: those naming them, and those naming nobody (they concern the whole case). */
const about = (event: TimelineEntry, personId: string) => event.personIds.length === 0 || event.personIds.includes(personId);

export function detentionFacts(labels: DossierLabels, view: CaseView, person: ViewPerson, redact: Redact): DetentionFacts {
  const { detail } = view;
  const events = detail.timeline.filter((event) => about(event, person.personId));
  const arrest = events.find((event) => event.kind === 'detention');
  const latest = detail.statusHistory.at(-1);
  const held = latest && HELD_STATUSES.has(latest.status);
  const holding = events.filter((event) => HOLDING_EVENTS.has(event.kind) && event.place).at(-1);
  const recorded = (value: string | null | undefined) => (value ? redact(value) : labels.unknown);
  return {
    arrestDate: arrest ? `${arrest.approximate ? `${labels.approximate} ` : ''}${arrest.date}` : labels.unknown,
    arrestPlace: recorded(arrest?.place),
    authority: recorded(arrest ? citedIssuers(arrest, view.exhibits) : null),
    circumstances: recorded(arrest?.description),
    legalBasis: detail.charges.map((charge) => redact(describeCharge(charge, labels))).join('\n') || labels.noCharge,
    currentStatus: latest ? describeStatus(latest, labels) : labels.unknown,
    placeOfDetention: !latest ? labels.unknown : held ? recorded(holding?.place) : labels.notHeld,
  };
}

/** The authority behind an arrest is the issuer of the documents its event cites (a detention order, a court). */
function citedIssuers(event: TimelineEntry, exhibits: ItemSummary[]): string | null {
  const issuers = event.citations.flatMap(({ itemId }) => exhibits.find((item) => item.id === itemId)?.issuingBody ?? []);
  return issuers.length ? [...new Set(issuers)].join('; ') : null;
}

export function drawDetentionFacts(ts: Typesetter, labels: DossierLabels, view: CaseView, concerned: ViewPerson[], redact: Redact): void {
  if (concerned.length === 0) return;
  ts.heading(labels.detentionFacts, 3);
  for (const person of concerned) {
    const facts = detentionFacts(labels, view, person, redact);
    ts.text(`${person.label} (${person.roles.map(labels.role).join(', ')})`, { bold: true, size: 9.5, after: 2 });
    ts.fields(
      [
        [labels.arrestDate, facts.arrestDate],
        [labels.arrestPlace, facts.arrestPlace],
        [labels.authority, facts.authority],
        [labels.circumstances, facts.circumstances],
        [labels.legalBasis, facts.legalBasis],
        [labels.status, facts.currentStatus],
        [labels.placeOfDetention, facts.placeOfDetention],
      ],
      { size: 9, labelWidth: 150 },
    );
  }
}

/** The consent section: every power of attorney of the shown cases, a warning for those about to expire. */
export function drawConsent(ts: Typesetter, labels: DossierLabels, details: CaseDetail[], redact: Redact): void {
  const powers: PowerOfAttorney[] = details.flatMap((detail) => detail.powersOfAttorney);
  ts.text(powers.length ? labels.consentIntro : labels.noPowers, { size: 9.5, after: 6 });
  const expiring = powers.filter((poa) => poa.state === 'expiring').length;
  if (expiring > 0) ts.text(labels.expiringWarning(expiring, POA_WARNING_DAYS), { bold: true, size: 9.5, after: 6 });
  if (powers.length === 0) return;
  ts.table(
    [
      { title: labels.grantor, width: 2.2 },
      { title: labels.representative, width: 2 },
      { title: labels.case, width: 2.2 },
      { title: labels.scope, width: 2.2 },
      { title: labels.validity, width: 2.2 },
    ],
    powers.map((poa) => [
      redact(poa.grantorName),
      redact(poa.representative),
      redact(poa.caseTitle),
      poa.scope.map(labels.poaScope).join(', ') || labels.none,
      `${poa.issued} – ${poa.validUntil ?? labels.noEndDate}\n${labels.poaState(poa.state)}`,
    ]),
    { size: 8.5 },
  );
}
