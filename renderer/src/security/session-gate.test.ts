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

describe('SessionGate, an unlock during a lock', () => {
  it('waits for the last session to be closed before opening the next', async () => {
    const events: string[] = [];
    let finishClosing!: () => void;
    const first = {
      close: vi.fn(
        () =>
          new Promise<void>((resolve) => {
            events.push('close started');
            finishClosing = () => {
              events.push('closed');
              resolve();
            };
          }),
      ),
    };
    const second = { close: vi.fn(async () => undefined) };
    const sessions = [first, second];
    const gate = new SessionGate(async () => {
      events.push('opening');
      return sessions.shift()!;
    });
    expect(await gate.unlock('p')).toBe(first);
    const locking = gate.lock();
    const unlocking = gate.unlock('p');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['opening', 'close started']);
    finishClosing();
    await locking;
    expect(await unlocking).toBe(second);
    expect(events).toEqual(['opening', 'close started', 'closed', 'opening']);
  });

  it('a lock while it waits wins: nothing is opened', async () => {
    let finishClosing!: () => void;
    const first = { close: () => new Promise<void>((resolve) => (finishClosing = resolve)) };
    const open = vi.fn(async () => first);
    const gate = new SessionGate(open);
    await gate.unlock('p');
    const locking = gate.lock();
    const unlocking = gate.unlock('p');
    const lockingAgain = gate.lock();
    finishClosing();
    await Promise.all([locking, lockingAgain]);
    expect(await unlocking).toBeUndefined();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('a close that failed does not stop the next unlock', async () => {
    const broken = { close: vi.fn(async () => Promise.reject(new Error('the store would not close'))) };
    const next = { close: vi.fn(async () => undefined) };
    const sessions = [broken, next];
    const gate = new SessionGate(async () => sessions.shift()!);
    await gate.unlock('p');
    await expect(gate.lock()).rejects.toThrow(/would not close/);
    expect(await gate.unlock('p')).toBe(next);
  });
});
