/**
 * What of a case may leave the vault in a dossier. Items marked confidential are left out (only
 * their number is stated); confidential persons are named by a pseudonym ("Person A"), and their
 * names and aliases are replaced by it wherever they occur in the text that is printed (see
 * pseudonyms.ts). An exhibit whose own text names a protected person is withheld too, with the
 * reason, unless the user includes it by id — the dossier then says its contents are not redacted.
 */
import type { CaseDetail, ItemSummary } from '../../../shared/model.ts';
import type { DossierReader } from './access.ts';
import type { Pseudonyms } from './pseudonyms.ts';

export interface ViewPerson {
  personId: string;
  label: string;
  /** Other spellings to print beside the name (none for a pseudonymised person). */
  aliases: string[];
  role: string;
  /** Every role the person has in the case (a person linked twice keeps one row). */
  roles: string[];
  pseudonymised: boolean;
}

export interface WithheldExhibit {
  item: ItemSummary;
  reason: 'confidential' | 'names-protected-person';
}

export interface CaseView {
  detail: CaseDetail;
  persons: ViewPerson[];
  exhibits: ItemSummary[];
  withheld: WithheldExhibit[];
  /** Exhibits included although their text names a protected person (shown with a notice). */
  unredacted: Set<string>;
  withheldExhibits: number;
}

export function isConfidential(value: { confidentiality: string | null | undefined }): boolean {
  return value.confidentiality === 'confidential';
}

export interface ViewOptions {
  includeConfidential: boolean;
  /** Items to include although their text names a protected person. */
  includeItems?: ReadonlySet<string>;
}

/**
 * Registers the case's persons with the pseudonyms: the confidential ones get a pseudonym, the
 * others' names are marked public (a shared family name is not redacted on its own).
 */
export function registerPersons(archive: DossierReader, detail: CaseDetail, includeConfidential: boolean, pseudonyms: Pseudonyms): void {
  for (const link of detail.persons) {
    const person = archive.getPerson(link.personId);
    if (includeConfidential || !isConfidential(person)) pseudonyms.addPublicNames([person.name, ...person.aliases]);
  }
  for (const link of detail.persons) {
    const person = archive.getPerson(link.personId);
    if (!includeConfidential && isConfidential(person)) pseudonyms.assign(person.id, [person.name, ...person.aliases]);
  }
}

/** The case as it may be exported; call registerPersons for every case of the export first, so redaction is complete. */
export function viewCase(archive: DossierReader, caseId: string, options: ViewOptions, pseudonyms: Pseudonyms): CaseView {
  const detail = archive.getCase(caseId);
  const byPerson = new Map<string, ViewPerson>();
  for (const link of detail.persons) {
    const known = byPerson.get(link.personId);
    if (known) {
      known.roles.push(link.role);
      continue;
    }
    const full = archive.getPerson(link.personId);
    const hidden = !options.includeConfidential && isConfidential(full);
    byPerson.set(link.personId, {
      personId: link.personId,
      label: hidden ? pseudonyms.assign(full.id, [full.name, ...full.aliases]) : full.name,
      aliases: hidden ? [] : full.aliases,
      role: link.role,
      roles: [link.role],
      pseudonymised: hidden,
    });
  }
  const exhibits: ItemSummary[] = [];
  const withheld: WithheldExhibit[] = [];
  const unredacted = new Set<string>();
  for (const item of detail.items) {
    if (!options.includeConfidential && isConfidential(item)) {
      withheld.push({ item, reason: 'confidential' });
      continue;
    }
    const text = [item.title, item.originalName, item.issuingBody, item.description, archive.indexedText(item.id)]
      .filter(Boolean)
      .join('\n');
    if (pseudonyms.names(text)) {
      if (!options.includeItems?.has(item.id)) {
        withheld.push({ item, reason: 'names-protected-person' });
        continue;
      }
      unredacted.add(item.id);
    }
    exhibits.push(item);
  }
  return { detail, persons: [...byPerson.values()], exhibits, withheld, unredacted, withheldExhibits: withheld.length };
}

export interface ExportViews {
  pseudonyms: Pseudonyms;
  /** The cases that may be exported, in the order given. */
  views: CaseView[];
  /** Selected cases left out as confidential. */
  withheldCases: number;
  /** Protected persons named by a pseudonym in the exported cases (withheld cases do not count). */
  pseudonymised: number;
}

/**
 * The views of an export's cases with one set of pseudonyms. Letters go to the persons of the
 * exported cases first; the protected persons of withheld cases are registered too, so a mention
 * of them in an exported case's text is still redacted.
 */
export function exportViews(archive: DossierReader, caseIds: string[], options: ViewOptions, pseudonyms: Pseudonyms): ExportViews {
  const details = caseIds.map((id) => archive.getCase(id));
  const exported = details.filter((d) => options.includeConfidential || !isConfidential(d));
  for (const detail of exported) registerPersons(archive, detail, options.includeConfidential, pseudonyms);
  for (const detail of details) if (!exported.includes(detail)) registerPersons(archive, detail, options.includeConfidential, pseudonyms);
  const views = exported.map((detail) => viewCase(archive, detail.id, options, pseudonyms));
  const pseudonymised = new Set(views.flatMap((v) => v.persons.filter((p) => p.pseudonymised).map((p) => p.personId))).size;
  return { pseudonyms, views, withheldCases: details.length - exported.length, pseudonymised };
}
