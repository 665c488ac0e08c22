/** The case-record services behind the app's forms and the CLI: each takes the parts of the vault it needs. */
export type { CaseworkParts } from './parts.ts';
export { editCase } from './case-edit.ts';
export { addPerson, editPerson, findPersons, linkPersonToCase, mergePersons, unlinkPersonFromCase } from './person-records.ts';
export { editTimelineEvent } from './timeline-edit.ts';
export { editItem } from './item-edit.ts';
export { saveItemCopy, type CopyResult } from './item-copy.ts';
export { indexCase, indexItem } from './search-docs.ts';
export { parseWith } from './parse.ts';
