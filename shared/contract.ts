import { z } from 'zod';
import { CaseInput, Id, Passphrase, RecoveryKey } from './schemas.ts';
import type { CaseDetail, CaseSummary, VaultStatus } from './model.ts';
import type { Result } from './result.ts';

/**
 * The one contract between the renderer and the engine. The Electron preload exposes
 * one function per channel and the loopback bridge serves one route per channel;
 * both validate every request with these schemas before the engine sees it.
 */
const empty = z.object({}).strict();

export const requests = {
  'vault.status': empty,
  'vault.create': z.object({ passphrase: Passphrase }).strict(),
  'vault.unlock': z
    .union([z.object({ passphrase: Passphrase }).strict(), z.object({ recoveryKey: RecoveryKey }).strict()])
    .describe('a passphrase or a recovery key'),
  'vault.lock': empty,
  'cases.list': empty,
  'cases.add': CaseInput,
  'cases.get': z.object({ id: Id }).strict(),
} as const;

export type Channel = keyof typeof requests;
export const channels = Object.keys(requests) as Channel[];

export interface Responses {
  'vault.status': VaultStatus;
  'vault.create': { recoveryKey: string };
  'vault.unlock': VaultStatus;
  'vault.lock': VaultStatus;
  'cases.list': CaseSummary[];
  'cases.add': { id: string };
  'cases.get': CaseDetail;
}

export type Request<C extends Channel> = z.input<(typeof requests)[C]>;

/** What `window.custodia` offers: one typed function per channel. */
export type CustodiaApi = {
  [C in Channel]: (request: Request<C>) => Promise<Result<Responses[C]>>;
};

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(requests, name);
}
