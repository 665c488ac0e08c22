import type { ErrorKind } from '../../shared/result.ts';

/**
 * Every piece of text the renderer shows, in one place so a translation can replace it later.
 * Functions are used where a number or a name goes into the sentence.
 */
export const strings = {
  appName: 'Custodia',
  tagline: 'Encrypted evidence archive',
  vaultFolder: 'Vault folder',
  busy: 'Working…',

  loading: {
    title: 'Opening the archive…',
  },

  loadError: {
    title: 'Custodia could not read the vault',
    retry: 'Try again',
  },

  create: {
    title: 'Create a new vault',
    intro:
      'Everything you put in this vault is encrypted with your passphrase. Choose one that is long and that you do not use anywhere else.',
    passphrase: 'Passphrase',
    confirm: 'Confirm passphrase',
    hint: 'At least 8 characters. A few unrelated words work well.',
    submit: 'Create vault',
    submitting: 'Creating vault…',
    tooShort: 'The passphrase must be at least 8 characters long.',
    mismatch: 'The two passphrases do not match.',
  },

  recovery: {
    title: 'Write down your recovery key',
    intro:
      'If the passphrase is ever lost, this recovery key is the only way into the vault. Nobody, including the makers of Custodia, can open it without one of the two.',
    keyLabel: 'Recovery key',
    warning: 'Write it on paper and keep it somewhere safe, away from this computer. It will not be shown again.',
    confirm: 'I have written it down',
  },

  unlock: {
    title: 'Unlock the vault',
    intro: 'The vault is locked. Enter your passphrase to open it.',
    introRecovery: 'Enter the recovery key you wrote down when the vault was created.',
    passphrase: 'Passphrase',
    recoveryKey: 'Recovery key',
    recoveryHint: 'Groups of four letters and digits; dashes and spaces are optional.',
    submit: 'Unlock',
    submitting: 'Unlocking…',
    useRecoveryKey: 'Use the recovery key instead',
    usePassphrase: 'Use the passphrase instead',
    empty: 'Enter your passphrase.',
    emptyRecovery: 'Enter your recovery key.',
    wrongPassphrase: 'That passphrase did not unlock the vault. Check it and try again.',
    wrongRecoveryKey: 'That recovery key did not unlock the vault. Check it and try again.',
  },

  cases: {
    title: 'Cases',
    lock: 'Lock',
    locking: 'Locking…',
    loading: 'Loading cases…',
    empty: 'There are no cases yet.',
    emptyHint: 'Add your first case with the form below: give it a title and, if it has one, a reference number.',
    columnTitle: 'Title',
    columnReference: 'Reference',
    columnItems: 'Items',
    noReference: '—',
    itemCount: (count: number) => (count === 0 ? 'No items' : count === 1 ? '1 item' : `${count} items`),
    listLabel: 'Cases in this vault',
    addTitle: 'Add a case',
    caseTitle: 'Case title',
    reference: 'Reference (optional)',
    referenceHint: 'A file number or court reference, if the case has one.',
    add: 'Add case',
    adding: 'Adding case…',
    titleRequired: 'Give the case a title.',
    added: (title: string) => `Case “${title}” added.`,
  },

  errors: {
    unreachable: 'Custodia is not responding. Check that it is still running, then try again.',
    session: 'This browser session is no longer valid. Open the address printed by “custodia serve” again.',
    unexpected: 'Custodia gave an unexpected answer. Try again.',
    locked: 'The vault was locked. Unlock it to continue.',
    byKind: {
      forbidden: 'This request was refused: it did not come from this Custodia window',
      validation: 'Please check what you entered',
      'wrong-passphrase': 'The passphrase or recovery key is wrong',
      locked: 'The vault is locked',
      'no-vault': 'There is no vault in this folder yet',
      'vault-exists': 'This folder already holds a vault',
      'foreign-folder': 'This folder holds other files and is not a vault',
      'not-found': 'It could not be found',
      integrity: 'The vault failed an integrity check',
      io: 'A file could not be read or written',
      internal: 'Something went wrong inside Custodia',
    } satisfies Record<ErrorKind, string>,
  },
} as const;
