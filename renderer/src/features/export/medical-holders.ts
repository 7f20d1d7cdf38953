import type { TFunction } from 'i18next';
import type { Role } from '../../../../shared/auth/roles';
import type { Sodium } from '../../../../shared/crypto/index';
import {
  grantersFor,
  keyHolders,
  type ClientMedicalRecords,
  type MedicalDirectory,
} from '../../core/medical/index';

/**
 * Who holds the client's medical key, for an export built on a device without a grant (issue 16, point 2: the
 * export "says who can grant"): each staff member one of whose devices holds a verified wrap of the current key
 * (key-holders.ts), on how many of their approved devices, and whether they may grant it now (an active member of
 * a role that grants: `grantersFor`, the export's `medical.granters`). Kept beside the export, not in its JSON.
 */
export interface MedicalKeyHolder {
  staffId: string;
  name: string;
  role: Role;
  /** Their approved devices that hold the key: a grant is made from one of them. */
  devices: number;
  canGrant: boolean;
}

export function medicalKeyHolders(
  sodium: Sodium,
  records: ClientMedicalRecords,
  directory: MedicalDirectory,
): MedicalKeyHolder[] {
  if (records.section === undefined) return [];
  const holding = keyHolders(sodium, records.section, records.wraps, directory).devices;
  const granters = new Set(grantersFor(sodium, records, directory).map((member) => member.id));
  return directory
    .entries()
    .filter((entry) => entry.status !== 'revoked')
    .map((entry) => ({
      staffId: entry.staffId,
      name: entry.displayName,
      role: entry.role,
      devices: entry.devices.filter((device) => device.status === 'approved' && holding.has(device.id))
        .length,
      canGrant: granters.has(entry.staffId),
    }))
    .filter((holder) => holder.canGrant || holder.devices > 0)
    .sort(
      (a, b) => Number(b.canGrant) - Number(a.canGrant) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}

/**
 * What the export panel says when the medical section stays sealed to this device: whom to ask (those who may
 * grant, with their devices that hold the key), who else holds the key without the right to grant, and, when no
 * one may grant, that the organisation recovery key is needed (its flow belongs to the key-management issue).
 */
export function noAccessText(t: TFunction, holders: readonly MedicalKeyHolder[]): string[] {
  const named = (list: readonly MedicalKeyHolder[]) =>
    list
      .map((holder) =>
        t('export.panel.holder', {
          name: holder.name,
          role: t(`roles.${holder.role}`),
          devices: t('export.panel.holderDevices', { count: holder.devices }),
        }),
      )
      .join(t('export.report.listJoiner'));
  const granters = holders.filter((holder) => holder.canGrant);
  const others = holders.filter((holder) => !holder.canGrant);
  return [
    granters.length > 0
      ? t('export.panel.noAccess', { names: named(granters) })
      : t('export.panel.noGranter'),
    ...(others.length > 0 ? [t('export.panel.holdersWithoutGrant', { names: named(others) })] : []),
  ];
}
