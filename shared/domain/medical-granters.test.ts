import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../auth/roles';
import { whoCanGrant, type StaffMember } from './medical-granters';

const uuid = (n: number) => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;

describe('whoCanGrant', () => {
  const staff: StaffMember[] = [
    { id: uuid(11), displayName: 'Yuki (manager)', role: 'manager', status: 'active' },
    { id: uuid(12), displayName: 'Ben (coordinator)', role: 'coordinator', status: 'active' },
    { id: uuid(13), displayName: 'Dan (concierge)', role: 'concierge', status: 'active' },
    { id: uuid(14), displayName: 'Ada (admin)', role: 'admin', status: 'active' },
    { id: uuid(15), displayName: 'Cai (coordinator, left)', role: 'coordinator', status: 'revoked' },
    { id: uuid(16), displayName: 'Eve (manager, invited)', role: 'manager', status: 'invited' },
  ];

  it('lists active staff whose role may grant medical access, by name', () => {
    expect(whoCanGrant(staff, PERMISSIONS).map((s) => s.displayName)).toEqual([
      'Ben (coordinator)',
      'Yuki (manager)',
    ]);
  });

  it('follows the role table it is given, and can keep to the key holders', () => {
    const noCoordinators = {
      ...PERMISSIONS,
      coordinator: { ...PERMISSIONS.coordinator, capabilities: [] },
    };
    expect(whoCanGrant(staff, noCoordinators).map((s) => s.id)).toEqual([uuid(11)]);
    expect(whoCanGrant(staff, PERMISSIONS, new Set([uuid(12), uuid(13)])).map((s) => s.id)).toEqual([
      uuid(12),
    ]);
  });
});
