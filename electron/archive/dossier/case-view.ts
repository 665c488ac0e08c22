/**
 * What of a case may leave the vault in a dossier. Items marked confidential are left out (only
 * their number is stated); confidential persons are named by a pseudonym ("Witness A"), and their
 * names and aliases are replaced by it wherever they occur in the text that is printed.
 */
import type { CaseDetail, ItemSummary } from '../../../shared/model.ts';
import type { DossierReader } from './access.ts';
import type { DossierLabels } from './labels.ts';

export interface ViewPerson {
  personId: string;
  label: string;
  role: string;
  pseudonymised: boolean;
}

export interface CaseView {
  detail: CaseDetail;
  persons: ViewPerson[];
  exhibits: ItemSummary[];
  withheldExhibits: number;
}

/** Pseudonyms shared across one export, so a person in two cases of a submission keeps one pseudonym. */
export class Pseudonyms {
  private readonly byPerson = new Map<string, string>();
  private readonly names: Array<{ pattern: RegExp; pseudonym: string }> = [];
  private readonly labels: DossierLabels;

  constructor(labels: DossierLabels) {
    this.labels = labels;
  }

  get count(): number {
    return this.byPerson.size;
  }

  assign(personId: string, role: string, names: string[]): string {
    const known = this.byPerson.get(personId);
    if (known) return known;
    const pseudonym = `${this.labels.role(role)} ${letters(this.byPerson.size)}`;
    this.byPerson.set(personId, pseudonym);
    // Longest names first, so "Anna Ivanova" is replaced before "Anna".
    for (const name of names.filter((n) => n.trim().length >= 2)) {
      this.names.push({ pattern: new RegExp(escapeRegExp(name.trim()), 'giu'), pseudonym });
    }
    this.names.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
    return pseudonym;
  }

  /** The text with every confidential person's name and alias replaced by their pseudonym. */
  redact(text: string): string {
    let out = text;
    for (const { pattern, pseudonym } of this.names) out = out.replace(pattern, pseudonym);
    return out;
  }
}

/** A, B, … Z, AA, AB, … */
function letters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function isConfidential(value: { confidentiality: string | null | undefined }): boolean {
  return value.confidentiality === 'confidential';
}

/** The case as it may be exported; pseudonyms are assigned before any text is printed, so redaction is complete. */
export function viewCase(archive: DossierReader, caseId: string, includeConfidential: boolean, pseudonyms: Pseudonyms): CaseView {
  const detail = archive.getCase(caseId);
  const persons = detail.persons.map((person) => {
    const full = archive.getPerson(person.personId);
    if (includeConfidential || !isConfidential(full))
      return { personId: person.personId, label: person.name, role: person.role, pseudonymised: false };
    return {
      personId: person.personId,
      label: pseudonyms.assign(person.personId, person.role, [full.name, ...full.aliases]),
      role: person.role,
      pseudonymised: true,
    };
  });
  const exhibits = detail.items.filter((item) => includeConfidential || !isConfidential(item));
  return { detail, persons, exhibits, withheldExhibits: detail.items.length - exhibits.length };
}
