/**
 * The engine's own idle lock: whatever the front end does (a browser tab left open, a page that
 * polls, a closed laptop lid the app never heard about), the keys are wiped after `idleMs`
 * without a request that does something. Status and progress polls do not count as activity;
 * running work (an export, an audit, an upload) keeps the vault open until it ends.
 */
export const DEFAULT_IDLE_LOCK_MS = 10 * 60_000;
export const MIN_IDLE_LOCK_SECONDS = 60;
export const MAX_IDLE_LOCK_SECONDS = 60 * 60;

export class IdleLock {
  private idleMs: number;
  private lastActivity = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private readonly onIdle: () => void;
  private readonly busy: () => boolean;

  constructor(idleMs: number, onIdle: () => void, busy: () => boolean) {
    this.idleMs = idleMs;
    this.onIdle = onIdle;
    this.busy = busy;
  }

  get milliseconds(): number {
    return this.idleMs;
  }

  /** The vault was unlocked: start counting. */
  start(): void {
    this.touch();
  }

  /** A request that did something. */
  touch(): void {
    this.lastActivity = Date.now();
    this.arm(this.idleMs);
  }

  setIdleMs(idleMs: number): void {
    this.idleMs = idleMs;
    if (this.timer) this.arm(Math.max(0, this.lastActivity + idleMs - Date.now()));
  }

  /** The vault was locked: nothing to count. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), delayMs);
    // An idle timer never keeps a process alive on its own (a CLI, a test).
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    const idleFor = Date.now() - this.lastActivity;
    if (idleFor < this.idleMs) return this.arm(this.idleMs - idleFor);
    if (this.busy()) return this.arm(Math.min(this.idleMs, 30_000));
    this.onIdle();
  }
}
