import { describe, expect, it } from 'vitest';
import { validateAssignment } from './client';

describe('validateAssignment', () => {
  const me = '00000000-0000-4000-8000-0000000000aa';
  const other = '00000000-0000-4000-8000-0000000000bb';
  it('takes a status and a de-duplicated list of staff ids', () => {
    expect(validateAssignment({ status: 'active', assignedStaffIds: [me, other, me.toUpperCase()] })).toEqual(
      {
        ok: true,
        value: { status: 'active', assignedStaffIds: [me, other] },
      },
    );
    expect(validateAssignment({ status: 'archived' })).toEqual({
      ok: true,
      value: { status: 'archived', assignedStaffIds: [] },
    });
  });
  it('refuses unknown statuses, malformed ids, and dropping oneself when one must stay', () => {
    const result = validateAssignment(
      { status: 'gone', assignedStaffIds: [other, 'nobody'] },
      { keepAssigned: me },
    );
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'status', code: 'unknown-option' },
      { path: 'assignedStaffIds.1', code: 'invalid-format' },
      { path: 'assignedStaffIds', code: 'must-keep-self' },
    ]);
    expect(validateAssignment({ status: '' }).ok).toBe(false);
  });
});
