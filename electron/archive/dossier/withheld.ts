/** What a dossier says about the exhibits it leaves out, and those it shows unredacted at the sender's request. */
import type { CaseView } from './case-view.ts';
import type { DossierLabels } from './labels.ts';
import type { DossierManifest } from './manifest.ts';
import type { Typesetter } from './typesetter.ts';

type WithheldView = Pick<CaseView, 'withheld' | 'unredacted'>;

/** How many exhibits were left out and why, and how many are shown unredacted. */
export function withheldSummary(labels: DossierLabels, view: WithheldView): string {
  const confidential = view.withheld.filter((w) => w.reason === 'confidential').length;
  const naming = view.withheld.length - confidential;
  return [labels.withheldExhibits(confidential), labels.withheldNaming(naming), labels.unredactedCount(view.unredacted.size)]
    .filter(Boolean)
    .join(' ');
}

export function withheldCounts(view: WithheldView, cases: number, pseudonymised: number): DossierManifest['withheld'] {
  const naming = view.withheld.filter((w) => w.reason === 'names-protected-person').length;
  return {
    cases,
    exhibits: view.withheld.length - naming,
    exhibitsNamingProtected: naming,
    unredactedExhibits: view.unredacted.size,
    pseudonymisedPersons: pseudonymised,
  };
}

/** Exhibits withheld because they name a protected person: listed by title (pseudonymised) and hash, with the reason. */
export function drawWithheldList(ts: Typesetter, labels: DossierLabels, view: WithheldView, redact: (text: string) => string): void {
  const naming = view.withheld.filter((w) => w.reason === 'names-protected-person');
  if (naming.length === 0) return;
  ts.heading(labels.withheldHeading, 3);
  ts.table(
    [
      { title: labels.title, width: 4 },
      { title: 'SHA-256', width: 4 },
      { title: labels.reason, width: 3 },
    ],
    naming.map((w) => [redact(w.item.title ?? w.item.originalName), w.item.sha256, labels.withheldReasonNaming]),
    { size: 7.5 },
  );
}
