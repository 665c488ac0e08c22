import type { Migration } from './migration.ts';
import { initialSchema } from './001-initial.ts';
import { custodyLog } from './002-custody.ts';
import { caseModel } from './003-case-model.ts';
import { timelinePoaSources } from './004-timeline-poa-sources.ts';
import { itemLinksAndWithdrawal } from './005-item-links-withdrawal.ts';
import { recordEdits } from './006-record-edits.ts';
import { custodyCosignatures } from './007-custody-cosignatures.ts';

export type { Migration } from './migration.ts';

/** Applied in order; PRAGMA user_version records the last one. Never edit a shipped migration: add one. */
export const migrations: readonly Migration[] = [
  initialSchema,
  custodyLog,
  caseModel,
  timelinePoaSources,
  itemLinksAndWithdrawal,
  recordEdits,
  custodyCosignatures,
];
