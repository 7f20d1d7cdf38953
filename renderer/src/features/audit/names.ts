import type { Client } from '../../../../shared/domain/client';
import type { StaffView } from '../../../../shared/index';

/** How the console names people, devices and clients: by name where known, else a short id. */
export function namer(staff: readonly StaffView[] | undefined, clients: ReadonlyMap<string, Client>) {
  const people = new Map<string, string>();
  const devices = new Map<string, string>();
  for (const member of staff ?? []) {
    people.set(member.id, member.displayName);
    for (const device of member.devices ?? [])
      devices.set(device.id, `${device.name} (${member.displayName})`);
  }
  const short = (id: string) => id.slice(0, 8);
  return {
    person: (id: string | undefined) => (id ? (people.get(id) ?? short(id)) : '—'),
    device: (id: string | undefined) => (id ? (devices.get(id) ?? short(id)) : '—'),
    client: (id: string | undefined) => (id ? (clients.get(id)?.names.latin ?? short(id)) : '—'),
  };
}
export type Namer = ReturnType<typeof namer>;

/** A list in the UI's language: "a, b, c" in English, "a、b、c" in Japanese (Intl.ListFormat, no "and"). */
export function listOf(items: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'narrow' }).format(items);
}
