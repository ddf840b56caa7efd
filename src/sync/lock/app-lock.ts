/**
 * The app lock's state machine, free of UI so it runs under test with a fake clock:
 *
 *   start (cold start) ──PIN set?──▶ locked ──right PIN / platform──▶ unlocked
 *        │ no                          ▲  └─wrong ×5 (or 忘记 PIN)──▶ signed out, data kept
 *        ▼                             │
 *     set-pin ──PIN chosen──▶ unlocked ─┴─ hidden ≥ 10 min, then visible
 *
 * A sign-in with the password opens straight to unlocked when the user already has a PIN here.
 * Wrong attempts are counted in the store before the PIN is checked, so killing the tab between a
 * guess and its count gains nothing, and a reload keeps the count.
 */
import { countAttempt, forgetLock, loadLock, resetAttempts, type SignOutReason, savePin } from './lock-store';
import type { PinProblem } from './pin-rules';

/** Hashing and the PIN rules load with the first PIN typed: the home screen's first chunk has no use for them. */
const pinHash = () => import('./pin-hash');
const pinRules = () => import('./pin-rules');

/** Wrong PINs before the app signs the user out (the device keeps their data). */
export const MAX_PIN_ATTEMPTS = 5;
/** Time in the background after which the app asks for the PIN again. */
export const LOCK_AFTER_HIDDEN_MS = 10 * 60 * 1000;

export type LockState = 'off' | 'set-pin' | 'locked' | 'unlocked';

export type UnlockResult =
  | { ok: true }
  | { ok: false; attemptsLeft: number }
  /** The last attempt was wrong: the user was signed out. */
  | { ok: false; signedOut: true };

export interface AppLockDeps {
  /** Milliseconds, like Date.now; tests move it. */
  now: () => number;
  /**
   * Signs the user out and keeps their device database. Must drop the stored session before any
   * network call, so that a tab killed mid-way cannot leave a session without a PIN.
   */
  signOut: (reason: SignOutReason) => Promise<void>;
  /** PBKDF2 iterations for new PINs (tests lower it; the stored count is what verifies). */
  iterations?: number;
}

export class AppLock {
  #state: LockState = 'off';
  #userId: string | undefined;
  #hiddenAt: number | undefined;
  readonly #listeners = new Set<(state: LockState) => void>();

  readonly #deps: AppLockDeps;

  constructor(deps: AppLockDeps) {
    this.#deps = deps;
  }

  get state(): LockState {
    return this.#state;
  }

  get userId(): string | undefined {
    return this.#userId;
  }

  subscribe(listener: (state: LockState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A cold start with a stored session: locked when the user has a PIN here, else choose one. */
  async start(userId: string): Promise<void> {
    this.#userId = userId;
    this.#set((await loadLock(userId))?.pin ? 'locked' : 'set-pin');
  }

  /** Just signed in with the password: that is proof enough, unless no PIN is set here yet. */
  async afterSignIn(userId: string): Promise<void> {
    this.#userId = userId;
    const row = await loadLock(userId);
    if (row?.pin) await resetAttempts(userId);
    this.#set(row?.pin ? 'unlocked' : 'set-pin');
  }

  /** Signed out (or wiped): nothing to guard. */
  stop(): void {
    this.#userId = undefined;
    this.#hiddenAt = undefined;
    this.#set('off');
  }

  /**
   * Sets the PIN (first sign-in on this device), with the platform credential registered for
   * 指纹/面容解锁 if the user took it; answers why not when the PIN is refused.
   */
  async setPin(pin: string, credentialId?: string): Promise<PinProblem | undefined> {
    const userId = this.#userId;
    if (!userId || this.#state !== 'set-pin') return undefined;
    const problem = (await pinRules()).pinProblem(pin);
    if (problem) return problem;
    const { hashPin, PIN_HASH_ITERATIONS } = await pinHash();
    await savePin(userId, await hashPin(pin, this.#deps.iterations ?? PIN_HASH_ITERATIONS), credentialId);
    this.#set('unlocked');
    return undefined;
  }

  async unlockWithPin(pin: string): Promise<UnlockResult> {
    const userId = this.#userId;
    if (!userId || this.#state !== 'locked')
      return this.#state === 'unlocked' ? { ok: true } : { ok: false, attemptsLeft: 0 };
    const failures = await countAttempt(userId);
    const stored = (await loadLock(userId))?.pin;
    if (stored && failures <= MAX_PIN_ATTEMPTS && (await (await pinHash()).verifyPin(pin, stored))) {
      await resetAttempts(userId);
      this.#set('unlocked');
      return { ok: true };
    }
    if (failures < MAX_PIN_ATTEMPTS) return { ok: false, attemptsLeft: MAX_PIN_ATTEMPTS - failures };
    await this.forceSignOut('pin-attempts');
    return { ok: false, signedOut: true };
  }

  /** The platform authenticator verified the user (platform-unlock.ts checked the assertion). */
  async unlockWithPlatform(): Promise<void> {
    const userId = this.#userId;
    if (!userId || this.#state !== 'locked') return;
    await resetAttempts(userId);
    this.#set('unlocked');
  }

  /**
   * Signs out keeping the data, and forgets the PIN so the next sign-in (with the password) sets a
   * new one: too many wrong PINs, or 忘记 PIN. The session goes first (see AppLockDeps.signOut).
   */
  async forceSignOut(reason: Extract<SignOutReason, 'pin-attempts' | 'forgot-pin'>): Promise<void> {
    const userId = this.#userId;
    if (!userId) return;
    this.stop();
    await this.#deps.signOut(reason);
    await forgetLock(userId);
  }

  /** The page went to the background (visibilitychange → hidden). */
  hidden(): void {
    this.#hiddenAt = this.#deps.now();
  }

  /** The page is back in front: lock if it was away for LOCK_AFTER_HIDDEN_MS or more. */
  visible(): void {
    const since = this.#hiddenAt;
    this.#hiddenAt = undefined;
    if (since === undefined || this.#state !== 'unlocked') return;
    if (this.#deps.now() - since >= LOCK_AFTER_HIDDEN_MS) this.#set('locked');
  }

  #set(state: LockState): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
