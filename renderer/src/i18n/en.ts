import { clientDetailEn, clientRecordEn, clientsEn } from '../features/clients/messages';
import { consentsEn } from '../features/consents/messages';
import { deviceEn } from '../features/device/messages';
import { parkedEn } from '../features/parked/messages';
import { passphraseChangeEn } from '../features/passphrase/messages';
import { enrolEn, pendingEn, recoveryEn, refusedEn, wipedEn } from '../features/enrolment/messages';
import { marketingEn } from '../features/marketing/messages';
import { medicalEn } from '../features/medical/messages';
import { noticesEn } from '../features/notices/messages';
import { orgContactEn, organisationEn } from '../features/settings/messages';
import { renewalsEn } from '../features/renewals/messages';
import { staffEn } from '../features/staff/messages';
import { todayEn } from '../features/today/messages';
import { requestsEn } from '../features/requests/messages';
import { exportEn } from '../features/export/messages';
import { auditEn } from '../features/audit/messages';
import { auditLedgerEn } from '../features/audit/messages-ledger';
import { auditBreachEn } from '../features/audit/messages-breach';
import { erasureEn } from '../features/erasure/messages';
import { retentionEn } from '../features/retention/messages';
import { statisticsEn } from '../features/statistics/messages';
import { keyRecoveryEn } from '../features/recovery/messages';
import { tripsEn } from '../features/trips/messages';
import { partnersEn } from '../features/partners/messages';
import { provisionsEn } from '../features/provisions/messages';
import { sharesEn } from '../features/shares/messages';
import { componentsEn } from '../components/messages';
import type { DeepStrings } from './deep-strings';

/**
 * English UI text. The Japanese catalogue must have exactly these keys (the type checker and a unit test
 * enforce it). App-wide text (the shell, navigation, roles, sync, locking) is written here; a feature's text is
 * written once, in features/<feature>/messages.ts (`<key>En` and `<key>Ja`), and registered here and in ja.ts
 * under its key. Interpolations use i18next's {{name}} syntax; dates and numbers are formatted by Intl for the
 * active language through i18next's built-in formatters.
 */
export const en = {
  app: {
    title: 'Lumina Concierge',
    starting: 'Starting…',
    failed: 'The app could not start: {{reason}}',
    lock: 'Lock',
    language: 'Language',
  },
  lock: {
    unlockHeading: 'Unlock Lumina Concierge',
    unlockIntro: 'Client data on this device is encrypted. Enter your passphrase to open it.',
    passphrase: 'Passphrase',
    unlock: 'Unlock',
    unlocking: 'Unlocking…',
    wrongPassphrase: 'That passphrase does not unlock this device.',
    attemptsLeft_one:
      '{{count}} more failed attempt and this device erases its data and must be enrolled again.',
    attemptsLeft_other:
      '{{count}} more failed attempts and this device erases its data and must be enrolled again.',
    wait: 'Too many failed attempts. Try again in {{time}}.',
    mustGoOnline:
      'This device has not reached the server for more than {{days}} days. Connect to the network, then unlock again.',
    serverRefused: 'The server does not let this device in ({{reason}}).',
    failed: 'The device could not be unlocked: {{reason}}',
    openElsewhere:
      'Lumina Concierge is already open in another window or tab on this device. Use that one, or close it and unlock here again.',
    autoLocked_one: 'Locked after {{count}} minute without activity.',
    autoLocked_other: 'Locked after {{count}} minutes without activity.',
    roleChanged: 'Your role is now {{role}}. Unlock to continue with it.',
  },
  passphrase: {
    label: 'Passphrase',
    again: 'Passphrase again',
    meter: 'Passphrase strength',
    strength: 'Strength: {{label}}',
    score: {
      '0': 'very weak',
      '1': 'weak',
      '2': 'fair',
      '3': 'strong',
      '4': 'very strong',
    },
    ruleLength: 'At least {{min}} characters',
    ruleScore: 'Hard to guess: strength “strong” or better',
    hint: 'A few unrelated words make a passphrase that is long, strong and easy to remember.',
    checking: 'Checking the strength…',
    warning: {
      straightRow: 'Rows of keys on the keyboard are easy to guess.',
      keyPattern: 'Short keyboard patterns are easy to guess.',
      simpleRepeat: 'Repeated characters like “aaa” are easy to guess.',
      extendedRepeat: 'Repeated patterns like “abcabcabc” are easy to guess.',
      sequences: 'Sequences like “abc” are easy to guess.',
      recentYears: 'Recent years are easy to guess.',
      dates: 'Dates are easy to guess.',
      topTen: 'This is one of the most used passwords.',
      topHundred: 'This is a very often used password.',
      common: 'This is a common password.',
      similarToCommon: 'This is similar to a common password.',
      wordByItself: 'A single word is easy to guess.',
      namesByThemselves: 'Names on their own are easy to guess.',
      commonNames: 'Common names and surnames are easy to guess.',
      userInputs: 'Do not use your name or the device’s name.',
    },
  },
  enrol: enrolEn,
  pending: pendingEn,
  refused: refusedEn,
  wiped: wipedEn,
  unsaved: {
    confirm: 'You have changes that are not saved. Leave and discard them?',
  },
  nav: {
    label: 'Sections',
    today: 'Today',
    requests: 'Requests',
    partners: 'Partners',
    shares: 'Shares',
    clients: 'Clients',
    staff: 'Staff',
    audit: 'Access log',
    statistics: 'Statistics',
    erasures: 'Erasures',
    recovery: 'Recovery',
    device: 'This device',
    organisation: 'Organisation',
    renewals: 'Renewals',
    marketing: 'Marketing',
    signedInAs: '{{name}} · {{role}}',
    offlineSession: 'Opened offline',
  },
  roles: {
    concierge: 'Concierge',
    coordinator: 'Coordinator',
    manager: 'Manager',
    admin: 'Administrator',
  },
  staff: staffEn,
  device: deviceEn,
  parked: parkedEn,
  passphraseChange: passphraseChangeEn,
  quickUnlock: {
    label: 'Quick unlock',
    remember: 'Remember on this device with the system keychain',
    atNextUnlock: 'The key will be kept in the system keychain when you unlock with your passphrase.',
    unlock: 'Unlock with the system keychain',
    notKept: 'The system keychain holds no key for this device any more. Unlock with your passphrase.',
    failed: 'Quick unlock failed: {{reason}}',
    refusal: {
      'no-keyring':
        'Not available: this system has no keychain the app can use (on Linux, GNOME Keyring or KWallet).',
      'basic-text':
        'Not available: this Linux desktop offers only a “basic” store that hides secrets with a key anyone can look up, so a copy of the file would reveal your key.',
      'unsupported-host': 'Not available in the browser: only the desktop app can use the system keychain.',
    },
  },
  sync: {
    connecting: 'Connecting…',
    online: 'Online',
    offline: 'Offline — changes are kept on this device',
    syncing: 'Syncing…',
    lastSync: 'Last sync {{time, datetime(timeStyle: short)}}',
    error: 'Sync error: {{message}}',
    direction: {
      push: 'sending changes',
      pull: 'receiving changes',
      sync: 'syncing',
    },
    pending_one: '{{count}} change waiting to be sent',
    pending_other: '{{count}} changes waiting to be sent',
    pendingNone: 'All changes sent',
    quarantined_one:
      '{{count}} record on this device could not be opened or was changed outside the app: it is set aside and not sent',
    quarantined_other:
      '{{count}} records on this device could not be opened or were changed outside the app: they are set aside and not sent',
    unsendable_one:
      '{{count}} record has an id from an older version that the server no longer accepts: it stays on this device and is not sent',
    unsendable_other:
      '{{count}} records have ids from an older version that the server no longer accepts: they stay on this device and are not sent',
    progress: 'Receiving changes: {{done}} of {{total}}',
    short: {
      connecting: 'Connecting…',
      online: 'Online',
      offline: 'Offline',
      syncing: 'Syncing…',
      pending_one: '{{count}} waiting',
      pending_other: '{{count}} waiting',
      pendingNone: 'All sent',
      error: 'Sync error',
      quarantined_one: '{{count}} record set aside',
      quarantined_other: '{{count}} records set aside',
      unsendable_one: '{{count}} record not sendable',
      unsendable_other: '{{count}} records not sendable',
    },
    cause: {
      http: '{{direction}} failed: the server refused it',
      serverFault: '{{direction}} failed: the server had a problem; this device will try again',
      unreachable: '{{direction}} failed: the server cannot be reached',
      unknown: '{{direction}} failed',
    },
  },
  clients: clientsEn,
  clientDetail: clientDetailEn,
  clientRecord: clientRecordEn,
  consents: consentsEn,
  medical: medicalEn,
  recovery: recoveryEn,
  trips: tripsEn,
  today: todayEn,
  notices: noticesEn,
  orgContact: orgContactEn,
  organisation: organisationEn,
  renewals: renewalsEn,
  marketing: marketingEn,
  requests: requestsEn,
  partners: partnersEn,
  shares: sharesEn,
  provisions: provisionsEn,
  export: exportEn,
  audit: auditEn,
  auditLedger: auditLedgerEn,
  auditBreach: auditBreachEn,
  erasure: erasureEn,
  retention: retentionEn,
  statistics: statisticsEn,
  components: componentsEn,
  keyRecovery: keyRecoveryEn,
  conflicts: {
    badge_one: '{{count}} conflict',
    badge_other: '{{count}} conflicts',
    open: 'Resolve conflicts of {{name}}',
    close: 'Close',
    heading: 'Conflicting edits of {{name}}',
    intro:
      'These fields were changed on different devices at the same time. Every value is kept until you choose one; your choice reaches every device.',
    fieldHeading: '{{field}}: {{count}} versions',
    current: 'shown now',
    changedAt: 'changed {{time, datetime(dateStyle: medium; timeStyle: short)}}',
    choose: 'Keep this',
    chooseValue: 'Keep “{{value}}” for {{field}}',
    empty: '(empty)',
    deletedValue: 'deleted',
    keptValue: 'kept',
    failed: 'The choice could not be saved on this device ({{code}}).',
    field: {
      names: {
        latin: 'Name (Latin script)',
        katakana: 'Name (katakana)',
        kanji: 'Name (kanji)',
      },
      status: 'Status',
      deleted: 'Deleted on one device, edited on another',
      other: 'Field {{path}}',
    },
  },
};

/** The shape every catalogue has: en's keys, any strings. */
export type Messages = DeepStrings<typeof en>;
