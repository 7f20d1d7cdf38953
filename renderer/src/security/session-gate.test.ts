import { describe, expect, it, vi } from 'vitest';
import { SessionGate } from './session-gate';

function deferredSession() {
  const close = vi.fn(async () => undefined);
  let resolve!: (s: { close: typeof close }) => void;
  const opened = new Promise<{ close: typeof close }>((r) => (resolve = r));
  return { session: { close }, opened, finishOpening: () => resolve({ close }) };
}

describe('SessionGate', () => {
  it('opens a session and closes it on lock', async () => {
    const close = vi.fn(async () => undefined);
    const gate = new SessionGate(async () => ({ close }));
    expect(await gate.unlock('p')).toEqual({ close });
    await gate.lock();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('a lock during an unlock wins: the session being opened is closed and not returned', async () => {
    const pending = deferredSession();
    const gate = new SessionGate(() => pending.opened);
    const unlocking = gate.unlock('p');
    await gate.lock();
    pending.finishOpening();
    expect(await unlocking).toBeUndefined();
    expect(pending.session.close).toHaveBeenCalledTimes(1);
  });

  it('a failed unlock leaves the gate usable', async () => {
    let attempt = 0;
    const close = vi.fn(async () => undefined);
    const gate = new SessionGate(async () => {
      if (attempt++ === 0) throw new Error('that passphrase does not unlock this device');
      return { close };
    });
    await expect(gate.unlock('wrong')).rejects.toThrow(/does not unlock/);
    expect(await gate.unlock('right')).toEqual({ close });
  });

  it('openWith (the first start of an organisation) follows the same rule: a lock during it wins', async () => {
    const pending = deferredSession();
    const gate = new SessionGate<{ close: () => Promise<undefined> }>(async () => {
      throw new Error('not used');
    });
    const opening = gate.openWith(() => pending.opened);
    await gate.lock();
    pending.finishOpening();
    expect(await opening).toBeUndefined();
    expect(pending.session.close).toHaveBeenCalledTimes(1);
  });
});
