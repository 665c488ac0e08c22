import type { CustodyEventView } from '../../../shared/model.ts';
import type { CustodyEvent } from './log.ts';

/** A custody event as the window shows it: everything but the chain's links and the signature. */
export const toEventView = (event: CustodyEvent): CustodyEventView => ({
  seq: event.seq,
  time: event.time,
  actor: event.actor,
  action: event.action,
  subject: event.subject,
  details: event.details,
  hash: event.hash,
});
