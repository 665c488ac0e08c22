import path from 'node:path';
import { isChannel, requests, type Channel, type Responses } from '../../shared/contract.ts';
import type { VaultStatus } from '../../shared/model.ts';
import type { FolderPurpose } from '../../shared/destinations.ts';
import { toEventView } from './custody/event-view.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { describeIssues } from '../../shared/schemas.ts';
import { Archive, type ArchiveOptions } from './archive.ts';
import { isArchiveError, ArchiveError } from './errors.ts';
import { inspectFolder } from './vault/vault.ts';
import { buildDemoVault, DEMO_PASSPHRASE } from './demo/build.ts';

import { Jobs } from './jobs.ts';
import { freeFileName } from './exports.ts';
import { demoVaultDir } from './paths.ts';
import { Uploads, type UploadStart } from './ingest/uploads.ts';
import { MediaTickets, type MediaAnswer } from './media/tickets.ts';
import { exchangeHandlers } from './channels/exchange.ts';
import { integrityHandlers } from './channels/integrity.ts';
import { dossierHandlers } from './channels/dossier.ts';
import { replicaHandlers } from './channels/replica.ts';
import { usersHandlers } from './channels/users.ts';
import { Inbox } from './channels/inbox.ts';
import { IssuedRecoveryKey } from './channels/recovery-key.ts';
import { RecentVaults } from './channels/recent-vaults.ts';
import { goneMessage, isVaultGone, vaultFolderHandlers } from './channels/vault-folders.ts';
import { unlockMasterKey } from './vault/vault.ts';
import { nativePrimitives } from './crypto/index.ts';
import { recordHandlers } from './casework/handlers.ts';
import { DEFAULT_IDLE_LOCK_MS, IdleLock } from './vault/idle-lock.ts';
import { UnlockThrottle } from './vault/unlock-throttle.ts';
import { Destinations } from './destinations/registry.ts';
import { FolderBrowser } from './destinations/folder-browser.ts';

const PASSIVE_CHANNELS = new Set<Channel>(['vault.status', 'jobs.status', 'integrity.summary', 'replica.status']);

type Handlers = { [C in Channel]: (request: never) => Promise<Responses[C]> };

/**
 * Holds one vault folder and, while unlocked, its Archive; answers the renderer contract.
 * Shared by the Electron IPC layer and the loopback bridge so both behave identically:
 * unknown channel → rejected, payload → zod-parsed, any error → a Result, never a throw.
 */
export class ArchiveHost {
  private archive: Archive | null = null;
  private readonly uploads = new Uploads();
  private readonly media = new MediaTickets();
  /** Items shown as thumbnails since the last unlock. */
  private readonly previewed = new Set<string>();
  private readonly jobs = new Jobs();
  private readonly inbox = new Inbox();
  private readonly issuedKey = new IssuedRecoveryKey();
  private readonly recent: RecentVaults;
  /** Unlocked with the recovery key and no new passphrase set since. */
  private recovered = false;
  private readonly throttle = new UnlockThrottle();
  private readonly idle: IdleLock;
  /** Export folders and written files, by opaque token (the main process's native dialog grants them too). */
  readonly destinations = new Destinations(() => [this.vaultDir, this.dir, demoVaultDir(this.homeDir)]);
  private readonly folderBrowser: FolderBrowser;

  /** The user's vault folder (another one once the user opens it). */
  vaultDir: string;
  /** The folder the app started with: the demo vault lives beside it, whichever vault is open. */
  private readonly homeDir: string;
  /** The folder in use: the user's vault, or the demo vault beside it while the demo is open. */
  private dir: string;
  private readonly options: ArchiveOptions;

  constructor(
    dir: string,
    options: ArchiveOptions & { idleLockMs?: number; exportRoots?: readonly string[]; recentVaultsFile?: string } = {},
  ) {
    this.folderBrowser = new FolderBrowser(options.exportRoots);
    this.vaultDir = dir;
    this.homeDir = dir;
    this.dir = dir;
    this.options = options;
    this.recent = new RecentVaults(options.recentVaultsFile ?? path.join(path.dirname(path.resolve(dir)), 'recent-vaults.json'));
    this.idle = new IdleLock(
      options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS,
      () => this.lock(),
      () => this.jobs.running || this.uploads.count > 0,
    );
  }

  private get inDemo(): boolean {
    return this.dir !== this.vaultDir;
  }

  async status(): Promise<VaultStatus> {
    const demo = this.inDemo ? { demo: true } : {};
    if (this.archive && !this.archive.isLocked) {
      const flags = { ...(this.recovered ? { recovered: true } : {}), ...(this.issuedKey.pending ? { recoveryKeyPending: true } : {}) };
      return { state: 'unlocked', folder: this.dir, ...demo, ...flags };
    }
    if ((await inspectFolder(this.dir)) === 'vault') return { state: 'locked', folder: this.dir, ...demo };
    return {
      state: 'missing',
      folder: this.dir,
      ...demo,
      ...(!this.inDemo && (await isVaultGone(this.recent, this.dir)) ? { gone: true } : {}),
    };
  }

  /** Wipes the keys; open uploads stop (their temp files are removed) and media tickets die. */
  lock(): void {
    this.idle.stop();
    this.media.clear();
    this.previewed.clear();
    this.jobs.clear();
    this.inbox.clear();
    this.issuedKey.clear();
    this.recovered = false;
    this.destinations.clear();
    void this.uploads.cancelAll();
    this.archive?.lock();
    this.archive = null;
  }

  /** The idle time after which the engine locks (the desktop's main process also applies it to system idle time). */
  get idleLockSeconds(): number {
    return this.idle.milliseconds / 1000;
  }

  /** Quit: running jobs stop and are waited for (at most `timeoutMs`), then the vault locks. */
  async close(timeoutMs: number): Promise<boolean> {
    const stopped = await this.jobs.stopAll(timeoutMs);
    this.lock();
    return stopped;
  }

  /**
   * The media route of both transports (`/media/<ticket>`). Not queued behind other calls: a
   * video streams for minutes. The ticket is the capability; it dies when the vault locks.
   */
  openMedia(ticket: string, method: string, rangeHeader: string | undefined): MediaAnswer {
    if (this.archive) this.idle.touch();
    try {
      return this.media.answer(this.archive, ticket, method, rangeHeader);
    } catch (error) {
      const message = isArchiveError(error) ? error.message : 'the item could not be read';
      return { status: isArchiveError(error) && error.kind === 'not-found' ? 404 : 500, headers: {}, body: null, message };
    }
  }

  private readonly context = { unlocked: () => this.unlocked(), jobs: this.jobs, destinations: this.destinations };

  private unlocked(): Archive {
    if (!this.archive || this.archive.isLocked) throw new ArchiveError('locked', 'the vault is locked; unlock it first');
    return this.archive;
  }

  private readonly handlers = {
    'vault.status': async () => this.status(),
    ...vaultFolderHandlers({
      recent: () => this.recent,
      destinations: this.destinations,
      vaultDir: () => this.vaultDir,
      homeDir: () => this.homeDir,
      unlockedAt: (folder) => folder === path.resolve(this.vaultDir) && !this.inDemo && this.archive !== null && !this.archive.isLocked,
      switchTo: (folder) => {
        this.lock();
        this.vaultDir = folder;
        this.dir = folder;
      },
      status: () => this.status(),
    }),
    'vault.create': async ({ passphrase, user }: { passphrase: string; user?: { name: string; role: string } }) => {
      if (!this.inDemo && (await isVaultGone(this.recent, this.dir))) throw new ArchiveError('foreign-folder', goneMessage(this.dir));
      const { archive, recoveryKey } = await Archive.create(this.dir, passphrase, { ...this.options, allowWeakPassphrase: false });
      this.lock();
      this.archive = archive;
      this.idle.start();
      if (user) archive.users.save(user);
      this.issuedKey.hold(recoveryKey);
      if (!this.inDemo) await this.recent.remember(this.dir);
      return { recoveryKey };
    },
    'vault.unlock': async (secret: { passphrase: string } | { recoveryKey: string }) => {
      const archive = await this.throttle.attempt(() => Archive.unlock(this.dir, secret, this.options));
      this.lock();
      this.archive = archive;
      this.idle.start();
      this.recovered = 'recoveryKey' in secret;
      if (!this.inDemo) await this.recent.remember(this.dir);
      return this.status();
    },
    'vault.idleLock': async ({ seconds }: { seconds: number }) => {
      this.idle.setIdleMs(seconds * 1000);
      return { seconds };
    },
    // Right after a recovery-key unlock nobody knows the passphrase, so none is asked for.
    'vault.changePassphrase': async ({ current, passphrase }: { current?: string; passphrase: string }) => {
      const archive = this.unlocked();
      if (!this.recovered) await this.checkPassphrase(current);
      await archive.changePassphrase(passphrase);
      this.recovered = false;
      return this.status();
    },
    'vault.newRecoveryKey': async ({ passphrase }: { passphrase: string }) => {
      const archive = this.unlocked();
      await this.checkPassphrase(passphrase);
      const recoveryKey = await archive.newRecoveryKey();
      this.issuedKey.hold(recoveryKey);
      return { recoveryKey };
    },
    'vault.recoveryKeyPdf': async ({ destination }: { destination: string }) => {
      const archive = this.unlocked();
      const target = freeFileName(await this.destinations.folderOf(destination), 'custodia-recovery-key', '.pdf');
      await this.issuedKey.savePdf(target, { folder: archive.dir, vaultId: archive.vaultId });
      return { file: target, output: this.destinations.recordOutput(target) };
    },
    'vault.confirmRecoveryKey': async ({ answers }: { answers: Array<{ position: number; group: string }> }) => ({
      confirmed: this.issuedKey.confirm(answers),
    }),
    'vault.lock': async () => {
      this.lock();
      return this.status();
    },
    // The demo vault (invented cases) lives beside the user's vault and opens with a published
    // passphrase; the user's own vault is never touched by it.
    'vault.openDemo': async () => {
      const demoDir = demoVaultDir(this.homeDir);
      if ((await inspectFolder(demoDir)) !== 'vault') await buildDemoVault(demoDir, DEMO_PASSPHRASE, this.options);
      const archive = await Archive.unlock(demoDir, { passphrase: DEMO_PASSPHRASE }, this.options);
      this.lock();
      this.dir = demoDir;
      this.archive = archive;
      this.idle.start();
      return this.status();
    },
    'vault.leaveDemo': async () => {
      this.lock();
      this.dir = this.vaultDir;
      return this.status();
    },
    'cases.list': async () => this.unlocked().listCases(),
    'cases.page': async (query: unknown) => this.unlocked().pageCases(query),
    'cases.summaries': async ({ ids }: { ids: string[] }) => this.unlocked().caseSummaries(ids),
    'cases.add': async (input: unknown) => ({ id: this.unlocked().addCase(input) }),
    'cases.get': async ({ id, includeWithdrawn }: { id: string; includeWithdrawn?: boolean }) =>
      this.unlocked().getCase(id, { includeWithdrawn }),
    'cases.custody': async ({ id }: { id: string }) => this.unlocked().caseCustody(id).map(toEventView),
    'log.page': async (query: unknown) => this.unlocked().custodyLogPage(query),
    'persons.get': async ({ id }: { id: string }) => this.unlocked().getPerson(id),
    'items.get': async ({ id }: { id: string }) => {
      const { blob: _blob, ...item } = this.unlocked().getItem(id);
      return { ...item, custody: this.unlocked().custodyEvents(id).map(toEventView) };
    },
    'items.verify': async ({ id }: { id: string }) => this.unlocked().verifyItem(id),
    'items.media': async ({ id, preview }: { id: string; preview?: boolean }) => {
      const archive = this.unlocked();
      const item = archive.getItem(id);
      const ticket = this.media.issue(id);
      // A thumbnail is a viewing too, but logged once per unlock, not at every redraw of the list.
      if (!preview) archive.recordView(id, 'viewer');
      else if (!this.previewed.has(id)) {
        this.previewed.add(id);
        archive.recordView(id, 'thumbnail');
      }
      return { url: `media/${ticket}`, mimeType: item.mimeType, size: item.size, name: item.originalName };
    },
    'imports.begin': async (start: UploadStart) => this.uploads.begin(this.unlocked(), start),
    // Both transports send file chunks here: an upload into the vault, or a file dropped to be checked.
    'imports.chunk': async ({ uploadId, offset, bytes }: { uploadId: string; offset: number; bytes: Uint8Array }) =>
      this.inbox.has(uploadId) ? this.inbox.chunk(uploadId, offset, bytes) : this.uploads.chunk(uploadId, offset, bytes),
    'inbox.begin': async (start: { name: string; size: number; purpose: 'dossier' | 'package' }) => {
      this.unlocked();
      return this.inbox.begin(start);
    },
    'imports.finish': async ({ uploadId }: { uploadId: string }) => {
      const result = await this.uploads.finish(uploadId);
      return {
        itemId: result.id,
        status: result.duplicate ? ('duplicate' as const) : ('imported' as const),
        sha256: result.sha256,
        size: result.size,
        mimeType: result.mimeType,
      };
    },
    // Browsing works while locked too: a vault folder is picked before anything is unlocked
    // ("Locate it…", "Open a vault…"), and so is a replica to restore from (the first-run screen).
    // Only folders to read from or to make a vault in: export folders go only to an unlocked vault.
    'destinations.browse': async ({ at }: { at?: string }) => this.folderBrowser.list(at),
    'destinations.choose': async ({ at, purpose }: { at: string; purpose?: FolderPurpose }) => {
      const folder = await this.folderBrowser.folderOf(at);
      if (purpose === 'vault' || purpose === 'restore') return this.destinations.grantSourceFolder(folder);
      this.unlocked();
      return purpose === 'bag' ? this.destinations.grantSourceFolder(folder) : this.destinations.grant(folder);
    },
    'destinations.makeFolder': async ({ at, name }: { at: string; name: string }) => this.folderBrowser.makeFolder(at, name),
    'jobs.status': async ({ jobId }: { jobId: string }) => this.jobs.status(jobId),
    'jobs.cancel': async ({ jobId }: { jobId: string }) => this.jobs.cancel(jobId),
    'imports.cancel': async ({ uploadId }: { uploadId: string }) => {
      await this.uploads.cancel(uploadId);
      return { cancelled: true as const };
    },
    'poa.list': async ({ expiringWithinDays }: { expiringWithinDays?: number }) => this.unlocked().powersOfAttorney({ expiringWithinDays }),
    'search.query': async (query: unknown) => this.unlocked().searchAll(query),
    'search.page': async (query: unknown) => this.unlocked().searchPage(query),
    ...usersHandlers(this.context),
    ...exchangeHandlers(this.context, this.inbox),
    ...integrityHandlers(this.context),
    ...dossierHandlers(this.context),
    ...replicaHandlers(this.context, { options: () => this.options, throttle: this.throttle }),
    ...recordHandlers(() => this.unlocked(), this.destinations),
  } satisfies Handlers;

  /** Refuses unless `passphrase` is this vault's (asked again before changing what protects it). */
  private async checkPassphrase(passphrase: string | undefined): Promise<void> {
    if (!passphrase) throw new ArchiveError('validation', 'current: type the passphrase in use');
    const { masterKey } = await unlockMasterKey(this.dir, { passphrase }, this.options.crypto ?? nativePrimitives);
    (this.options.crypto ?? nativePrimitives).memzero(masterKey);
  }

  /** The last vault lifecycle call (create, unlock, lock, demo): they run one at a time. */
  private lifecycle: Promise<unknown> = Promise.resolve();

  /**
   * The single entry point for both transports. Calls that open, close or replace the vault run
   * one at a time, so they never interleave (two windows, a double click, a script). Every other
   * call starts once those before it are done and then runs alongside the rest: a search answers
   * while an import or an audit streams (the catalog is synchronous, so no two statements ever
   * interleave). A lock does not wait for running work: it wipes the keys and that work fails as
   * "locked", leaving nothing half-recorded.
   */
  call(channel: string, payload: unknown): Promise<Result<unknown>> {
    const run = this.lifecycle.then(() => this.callNow(channel, payload));
    if (channel.startsWith('vault.')) this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private async callNow(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return fail('validation', `unknown channel "${channel.slice(0, 64)}"`);
    const parsed = requests[channel].safeParse(payload);
    if (!parsed.success) return fail('validation', describeIssues(parsed.error));
    // Polls for status and progress are not activity: a page that polls does not keep the vault open.
    if (this.archive && !PASSIVE_CHANNELS.has(channel)) this.idle.touch();
    try {
      const handler = this.handlers[channel] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (isArchiveError(error)) return fail(error.kind, error.message);
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  }
}
