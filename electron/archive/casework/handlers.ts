import type { Responses } from '../../../shared/contract.ts';
import type { Archive } from '../archive.ts';
import type { Destinations } from '../destinations/registry.ts';

type RecordChannel =
  | 'cases.edit'
  | 'cases.setStatus'
  | 'persons.add'
  | 'persons.link'
  | 'persons.unlink'
  | 'persons.edit'
  | 'persons.find'
  | 'persons.merge'
  | 'timeline.add'
  | 'timeline.edit'
  | 'poa.add'
  | 'poa.revoke'
  | 'sources.add'
  | 'items.edit'
  | 'items.link'
  | 'items.unlink'
  | 'items.withdraw'
  | 'items.saveCopy';

/**
 * The contract's case-record channels for the host (IPC and the loopback bridge). The request was
 * parsed with the channel's schema; the engine parses it again, as it does for the CLI.
 */
export function recordHandlers(
  archive: () => Archive,
  destinations: Destinations,
): { [C in RecordChannel]: (request: never) => Promise<Responses[C]> } {
  const done = (changed: string[]) => ({ changed });
  return {
    'cases.edit': async (input: unknown) => done(archive().editCase(input)),
    'cases.setStatus': async ({ caseId, ...status }: { caseId: string }) => {
      archive().setCaseStatus(caseId, status);
      return done(['status']);
    },
    'persons.add': async (input: unknown) => ({ id: archive().addPersonRecord(input) }),
    'persons.link': async (input: unknown) => {
      archive().linkPerson(input);
      return done(['role']);
    },
    'persons.unlink': async (input: unknown) => {
      archive().unlinkPerson(input);
      return done(['role']);
    },
    'persons.edit': async (input: unknown) => done(archive().editPerson(input)),
    'persons.find': async (input: unknown) => archive().findPersons(input),
    'persons.merge': async (input: unknown) => archive().mergePersons(input),
    'timeline.add': async (input: unknown) => ({ id: archive().addTimelineEvent(input) }),
    'timeline.edit': async (input: unknown) => done(archive().editTimelineEvent(input)),
    'poa.add': async (input: unknown) => ({ id: archive().addPowerOfAttorney(input) }),
    'poa.revoke': async ({ id, revokedAt }: { id: string; revokedAt?: string }) => {
      archive().revokePowerOfAttorney(id, revokedAt);
      return done(['power-of-attorney']);
    },
    'sources.add': async (input: unknown) => ({ id: archive().addSource(input) }),
    'items.edit': async (input: unknown) => done(archive().editItem(input)),
    'items.link': async (input: unknown) => {
      archive().linkItem(input);
      return done(['link']);
    },
    'items.unlink': async (input: unknown) => {
      archive().unlinkItem(input);
      return done(['link']);
    },
    'items.withdraw': async (input: unknown) => {
      archive().withdrawItem(input);
      return done(['withdrawn']);
    },
    'items.saveCopy': async ({ itemId, destination }: { itemId: string; destination: string }) => {
      const copy = await archive().saveItemCopy(itemId, await destinations.folderOf(destination));
      return { file: copy.file, output: destinations.recordOutput(copy.file), sha256: copy.sha256 };
    },
  };
}
