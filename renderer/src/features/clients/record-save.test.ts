import { describe, expect, it } from 'vitest';
import { isSaveShortcut, mayWriteClient, saveLeftSomething, summariseSave } from './record-save';

const mine = { assignedStaffIds: ['me', 'colleague'] };
const theirs = { assignedStaffIds: ['colleague'] };

describe('mayWriteClient', () => {
  it('lets a concierge write their own client, not a colleague’s, and not hand their own away', () => {
    const concierge = { role: 'concierge' as const, staffId: 'me' };
    expect(mayWriteClient(concierge, mine, mine)).toBe(true);
    expect(mayWriteClient(concierge, theirs, theirs)).toBe(false);
    expect(mayWriteClient(concierge, theirs, mine)).toBe(false);
    expect(mayWriteClient(concierge, mine, theirs)).toBe(false);
  });

  it('lets a coordinator write any client and the admin none', () => {
    expect(mayWriteClient({ role: 'coordinator', staffId: 'me' }, theirs, { assignedStaffIds: [] })).toBe(
      true,
    );
    expect(mayWriteClient({ role: 'admin', staffId: 'me' }, mine, mine)).toBe(false);
  });
});

describe('summariseSave', () => {
  it('groups the sections by outcome, in the order saved', () => {
    const summary = summariseSave([
      { section: 'Contact', outcome: 'invalid' },
      { section: 'Passport', outcome: 'saved' },
      { section: 'Lifestyle', outcome: 'saved' },
      { section: 'Status', outcome: 'refused' },
      { section: 'Identity', outcome: 'failed' },
    ]);
    expect(summary).toEqual({
      saved: ['Passport', 'Lifestyle'],
      invalid: ['Contact'],
      refused: ['Status'],
      failed: ['Identity'],
    });
    expect(saveLeftSomething(summary)).toBe(true);
  });

  it('says nothing is left when every section saved', () => {
    expect(saveLeftSomething(summariseSave([{ section: 'Contact', outcome: 'saved' }]))).toBe(false);
    expect(saveLeftSomething(summariseSave([]))).toBe(false);
  });
});

describe('isSaveShortcut', () => {
  const key = (key: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...modifiers,
  });
  it('takes Ctrl+Enter and Cmd+Enter, not a plain Enter or another key', () => {
    expect(isSaveShortcut(key('Enter', { ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key('Enter', { metaKey: true }))).toBe(true);
    expect(isSaveShortcut(key('Enter'))).toBe(false);
    expect(isSaveShortcut(key('Enter', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSaveShortcut(key('s', { ctrlKey: true }))).toBe(false);
  });
});
