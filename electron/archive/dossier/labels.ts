/** The fixed wording of a dossier, in the languages a dossier can be written in. Data stays as recorded. */
import { en, enNames, type Labels, type ValueNames } from './labels-en.ts';
import { kkLabels, kkNames } from './labels-kk.ts';
import { ruLabels, ruNames } from './labels-ru.ts';
import { DOSSIER_LANGUAGES, type DossierLanguage } from '../../../shared/schemas.ts';

export { DOSSIER_LANGUAGES, type DossierLanguage };

export type DossierLabels = Labels & {
  role(role: string): string;
  statusName(status: string): string;
  itemType(type: string): string;
  eventKind(kind: string): string;
  custodyAction(action: string): string;
  detailKey(key: string): string;
  detailValue(value: string): string;
  poaScope(scope: string): string;
  poaState(state: string): string;
};

const CATALOGUES: Record<DossierLanguage, { labels: Labels; names: ValueNames }> = {
  en: { labels: en, names: enNames },
  ru: { labels: ruLabels, names: ruNames },
  kk: { labels: kkLabels, names: kkNames },
};

const spaced = (value: string) => value.replace(/-/g, ' ');

export function labelsFor(language: DossierLanguage): DossierLabels {
  const { labels, names } = CATALOGUES[language];
  return {
    ...labels,
    role: (role: string) => names.roles[role] ?? role,
    statusName: (status: string) => names.statuses[status] ?? status,
    itemType: (type: string) => names.itemTypes[type] ?? spaced(type),
    eventKind: (kind: string) => names.eventKinds[kind] ?? spaced(kind),
    custodyAction: (action: string) => names.custodyActions[action] ?? spaced(action),
    detailKey: (key: string) => names.detailKeys[key] ?? key,
    detailValue: (value: string) => names.detailValues[value] ?? value,
    poaScope: (scope: string) => names.poaScopes[scope] ?? spaced(scope),
    poaState: (state: string) => names.poaStates[state] ?? state,
  };
}
