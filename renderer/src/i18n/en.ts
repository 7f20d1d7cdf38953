/**
 * English UI text. The Japanese catalogue must have exactly these keys (the type checker and a unit test
 * enforce it). Interpolations use i18next's {{name}} syntax; dates and numbers are formatted by Intl for the
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
    setUpHeading: 'Protect this device',
    unlockIntro: 'Client data on this device is encrypted. Enter your passphrase to open it.',
    setUpIntro: 'Client data on this device will be encrypted under a passphrase that only you know.',
    passphrase: 'Passphrase',
    passphraseAgain: 'Passphrase again',
    unlock: 'Unlock',
    setUp: 'Encrypt and open',
    unlocking: 'Unlocking…',
    tooShort: 'Choose a passphrase of at least {{min}} characters.',
    mismatch: 'The two passphrases differ.',
    wrongPassphrase: 'That passphrase does not unlock this device.',
    failed: 'The device could not be unlocked: {{reason}}',
  },
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
    progress: 'Receiving changes: {{done}} of {{total}}',
    cause: {
      http: '{{direction}} failed: the server answered HTTP {{status}}',
      unreachable: '{{direction}} failed: the server cannot be reached',
      unknown: '{{direction}} failed',
    },
  },
  clients: {
    heading: 'Clients',
    loading: 'Loading clients…',
    empty: 'No clients yet.',
    listLabel: 'Clients',
    latinName: 'Client name (Latin script, as in the passport)',
    add: 'Add client',
    nameRequired: 'Enter the client’s name as written in their passport.',
    nameTooLong: 'A name can have at most {{max}} characters.',
    saveFailed: 'The client could not be saved on this device ({{code}}).',
    status: {
      prospect: 'prospect',
      active: 'active',
      archived: 'archived',
    },
    rename: 'Rename',
    renameLabel: 'New name for {{name}}',
    renameSave: 'Save name',
    renameCancel: 'Cancel',
  },
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
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
