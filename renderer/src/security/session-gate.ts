/**
 * Serialises unlock and lock. A lock that arrives while an unlock is still opening the store (the system sleeps
 * during the Argon2id derivation, say) must win: the session that unlock was opening is closed as soon as it
 * exists, and the app stays locked. An unlock that arrives while a lock is still closing the last session waits
 * for it: the old session's close resets the sync status and wipes its keys, and must not do so under the new one
 * (a refused change parked by the new session was counted, then zeroed by the old one's close).
 */
export class SessionGate<S extends { close(): Promise<void> }, Credential = string> {
  private generation = 0;
  private current: S | undefined;
  /** The last lock's close while it runs (it never rejects), undefined once it is done. */
  private closing: Promise<void> | undefined;

  /** credential: what opens a session (a passphrase, or a key the OS keychain kept). */
  constructor(private readonly open: (credential: Credential) => Promise<S>) {}

  /** The open session, or undefined when a lock overtook this unlock. */
  unlock(credential: Credential): Promise<S | undefined> {
    return this.openWith(() => this.open(credential));
  }

  /** Opens a session some other way (the first start of an organisation), under the same rule as unlock. */
  async openWith(opener: () => Promise<S>): Promise<S | undefined> {
    const generation = ++this.generation;
    if (this.closing) {
      await this.closing;
      if (generation !== this.generation) return undefined;
    }
    const session = await opener();
    if (generation !== this.generation) {
      await session.close();
      return undefined;
    }
    this.current = session;
    return session;
  }

  async lock(): Promise<void> {
    this.generation++;
    const session = this.current;
    this.current = undefined;
    if (!session) return this.closing;
    const closed = session.close();
    const closing = closed.then(
      () => undefined,
      () => undefined,
    );
    this.closing = closing;
    void closing.then(() => {
      if (this.closing === closing) this.closing = undefined;
    });
    await closed;
  }
}
