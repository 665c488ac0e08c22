import type { UsersView } from '../../../shared/app-model.ts';
import type { UserInput } from '../../../shared/app-schemas.ts';
import type { Archive } from '../archive.ts';
import { keyFingerprint } from '../dossier/manifest.ts';
import type { HostContext } from './context.ts';

export function usersView(archive: Archive): UsersView {
  const current = archive.users.current()?.id;
  return {
    users: archive.users.list().map((user) => {
      const signingKey = archive.users.signingKeyOf(user.id);
      return { ...user, current: user.id === current, signingKey, fingerprint: keyFingerprint(signingKey) };
    }),
    signingKey: archive.publicKey,
    fingerprint: keyFingerprint(archive.publicKey),
  };
}

/** Settings → Users: who acts in this vault (the custody log's actor, the dossier's "Prepared by"). */
export function usersHandlers(host: HostContext) {
  return {
    'users.list': async () => usersView(host.unlocked()),
    'users.save': async (input: UserInput) => {
      const archive = host.unlocked();
      archive.users.save(input);
      return usersView(archive);
    },
    'users.select': async ({ id }: { id: string }) => {
      const archive = host.unlocked();
      archive.users.select(id);
      return usersView(archive);
    },
  };
}
