import type { ReactNode } from 'react';
import type { SessionIdentity } from '../../../shared/index';
import { AuditScreen, seesAudit } from '../features/audit/AuditScreen';
import { ClientsScreen } from '../features/clients/ClientsScreen';
import { mayRecordConsents } from '../features/consents/consent-data';
import { DeviceScreen } from '../features/device/DeviceScreen';
import { ErasureScreen, seesErasures } from '../features/erasure/ErasureScreen';
import { MarketingScreen, seesMarketing } from '../features/marketing/MarketingScreen';
import { seesNotices } from '../features/notices/notice-access';
import { PartnersScreen } from '../features/partners/PartnersScreen';
import { RecoveryScreen, seesRecovery } from '../features/recovery/RecoveryScreen';
import { OrganisationScreen } from '../features/settings/OrganisationScreen';
import { RenewalsScreen } from '../features/renewals/RenewalsScreen';
import { RequestsScreen } from '../features/requests/RequestsScreen';
import { seesRequests } from '../features/requests/requests-data';
import { SharesScreen } from '../features/shares/SharesScreen';
import { seesStaff, StaffScreen } from '../features/staff/StaffScreen';
import { seesStatistics, StatisticsScreen } from '../features/statistics/StatisticsScreen';
import { TodayScreen } from '../features/today/TodayScreen';

/** What a screen may need from the shell: the device's auto-lock setting lives above the session. */
export interface ShellSettings {
  autoLockMs: number;
  onAutoLockMs(ms: number): void;
}

interface SectionEntry {
  /** The section's id; its navigation label is `nav.<id>`, its waiting count `NavCount section=<id>`. */
  id: string;
  /** Who is offered the section (the screen is shown to no one else, whatever the state says). */
  sees(who: SessionIdentity): boolean;
  /** Whether the navigation shows the count of things waiting there (today/waiting-counts.tsx). */
  counted?: boolean;
  screen(settings: ShellSettings): ReactNode;
}

const everyone = () => true;

/** The app's sections, in navigation order. A feature adds its section here, with who sees it. */
export const SECTIONS = [
  { id: 'today', sees: everyone, counted: true, screen: () => <TodayScreen /> },
  { id: 'clients', sees: everyone, screen: () => <ClientsScreen /> },
  { id: 'requests', sees: (who) => seesRequests(who.role), counted: true, screen: () => <RequestsScreen /> },
  { id: 'partners', sees: everyone, screen: () => <PartnersScreen /> },
  { id: 'shares', sees: everyone, counted: true, screen: () => <SharesScreen /> },
  { id: 'staff', sees: seesStaff, counted: true, screen: () => <StaffScreen /> },
  // The organisation's settings: privacy-notice versions and the organisation's contact.
  { id: 'organisation', sees: seesNotices, counted: true, screen: () => <OrganisationScreen /> },
  {
    id: 'renewals',
    sees: (who) => mayRecordConsents(who.role),
    counted: true,
    screen: () => <RenewalsScreen />,
  },
  { id: 'marketing', sees: (who) => seesMarketing(who.role), screen: () => <MarketingScreen /> },
  { id: 'audit', sees: seesAudit, counted: true, screen: () => <AuditScreen /> },
  { id: 'statistics', sees: (who) => seesStatistics(who.role), screen: () => <StatisticsScreen /> },
  { id: 'erasures', sees: (who) => seesErasures(who.role), screen: () => <ErasureScreen /> },
  { id: 'recovery', sees: (who) => seesRecovery(who.role), screen: () => <RecoveryScreen /> },
  {
    id: 'device',
    sees: everyone,
    screen: (settings) => (
      <DeviceScreen autoLockMs={settings.autoLockMs} onAutoLockMs={settings.onAutoLockMs} />
    ),
  },
] as const satisfies readonly SectionEntry[];

export type Section = (typeof SECTIONS)[number]['id'];

/** The sections `who` is offered. */
export const sectionsFor = (who: SessionIdentity): readonly SectionEntry[] =>
  SECTIONS.filter((section: SectionEntry) => section.sees(who));
