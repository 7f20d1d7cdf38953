import { PASSPHRASE_MIN_LENGTH } from '../renderer/src/security/device-vault';
import {
  assessPassphrase,
  loadStrengthEstimator,
  type PassphraseAssessment,
  type StrengthEstimator,
} from '../renderer/src/security/passphrase-strength';
import {
  createPartnerKeyFile,
  generatePartnerKeyPair,
  partnerKeyFilePublicKey,
  partnerPublicKeyText,
  PartnerKeyError,
  unlockPartnerKey,
} from '../shared/crypto/partner-key';
import {
  checkSharePackage,
  openSharePackage,
  readSharePackageHeader,
  SharePackageError,
  type OpenedSharePackage,
} from '../shared/crypto/share-package';
import { loadSodium } from '../shared/crypto/sodium';
import { format, MESSAGES, type Language, type Messages } from './messages';
import './opener.css';

type ErrorKey = keyof Messages['errors'];

const state: {
  language: Language;
  estimator: StrengthEstimator | undefined;
  opened: OpenedSharePackage | undefined;
  error: { key: ErrorKey; date?: number } | undefined;
  created: { keyFile: string; publicKeyText: string; fingerprint: string } | undefined;
  busy: boolean;
} = {
  language: navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en',
  estimator: undefined,
  opened: undefined,
  error: undefined,
  created: undefined,
  busy: false,
};

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

const t = (): Messages => MESSAGES[state.language];

function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(state.language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(ms));
}

/** Lets the status line paint before a synchronous Argon2id derivation holds the page for about a second. */
const nextPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 50));

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function assessment(): PassphraseAssessment | undefined {
  const passphrase = byId<HTMLInputElement>('new-passphrase').value;
  return state.estimator ? assessPassphrase(passphrase, state.estimator) : undefined;
}

function renderRules(): void {
  const m = t();
  const passphrase = byId<HTMLInputElement>('new-passphrase').value;
  const confirmation = byId<HTMLInputElement>('new-confirmation').value;
  const result = assessment();
  const rules: [string, string, boolean][] = [
    [
      'rule-length',
      format(m.ruleLength, { min: PASSPHRASE_MIN_LENGTH }),
      [...passphrase].length >= PASSPHRASE_MIN_LENGTH,
    ],
    ['rule-score', m.ruleScore, result !== undefined && !result.problems.includes('too-guessable')],
    ['rule-match', m.ruleMatch, passphrase.length > 0 && passphrase === confirmation],
  ];
  for (const [id, text, met] of rules) {
    const item = byId(id);
    item.textContent = format(m.ruleState, { rule: text, state: met ? m.ruleMet : m.ruleNotMet });
    item.dataset.met = String(met);
  }
  byId('strength').textContent =
    result && passphrase ? format(m.strength, { label: m.score[result.score] ?? '' }) : '';
}

function fact(list: HTMLElement, term: string, value: string, className?: string): void {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  if (className) dd.className = className;
  list.append(dt, dd);
}

function renderPackage(): void {
  const view = byId('package-view');
  const opened = state.opened;
  view.hidden = !opened;
  const facts = byId('package-facts');
  const body = byId('package-items').querySelector('tbody')!;
  facts.replaceChildren();
  body.replaceChildren();
  if (!opened) return;
  const m = t();
  const { content } = opened;
  fact(facts, m.organisation, content.sender.organisation);
  fact(facts, m.staffName, content.sender.staffName);
  fact(facts, m.deviceFingerprint, opened.senderFingerprint, 'fingerprint');
  fact(facts, m.recipient, content.partnerName);
  fact(facts, m.purpose, content.purpose);
  fact(facts, m.subject, content.subjectRef);
  fact(facts, m.packageId, content.packageId);
  fact(facts, m.created_at, formatDate(content.createdAt));
  fact(facts, m.expires, formatDate(content.expiresAt));
  for (const item of content.items) {
    const row = document.createElement('tr');
    if (item.medical) row.className = 'medical';
    const label = document.createElement('th');
    label.scope = 'row';
    label.textContent = item.label[state.language];
    const value = document.createElement('td');
    value.textContent = item.value;
    const medical = document.createElement('td');
    medical.textContent = item.medical ? m.medicalYes : m.medicalNo;
    row.append(label, value, medical);
    body.append(row);
  }
}

function renderError(): void {
  const { error } = state;
  byId('open-error').textContent = error
    ? format(t().errors[error.key], { date: error.date === undefined ? '' : formatDate(error.date) })
    : '';
}

function renderCreated(): void {
  const created = state.created;
  byId('create-result').hidden = !created;
  if (!created) return;
  byId('created-fingerprint').textContent = created.fingerprint;
  byId<HTMLTextAreaElement>('created-public-key').value = created.publicKeyText;
}

function applyLanguage(): void {
  const m = t();
  document.documentElement.lang = state.language;
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n as keyof Messages;
    const text = m[key];
    if (typeof text === 'string') element.textContent = text;
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-language]')) {
    button.setAttribute('aria-pressed', String(button.dataset.language === state.language));
  }
  byId('create-status').textContent = '';
  byId('open-status').textContent = '';
  renderRules();
  renderPackage();
  renderError();
  renderCreated();
}

async function createKeyPair(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const m = t();
  const status = byId('create-status');
  const passphrase = byId<HTMLInputElement>('new-passphrase').value;
  const confirmation = byId<HTMLInputElement>('new-confirmation').value;
  const result = assessment();
  if (!result?.acceptable || passphrase !== confirmation) {
    status.textContent = m.createRefused;
    return;
  }
  state.busy = true;
  status.textContent = m.creating;
  await nextPaint();
  try {
    const sodium = await loadSodium();
    const pair = generatePartnerKeyPair(sodium);
    const keyFile = createPartnerKeyFile(sodium, pair, passphrase, Date.now());
    sodium.memzero(pair.secretKey);
    state.created = {
      keyFile: JSON.stringify(keyFile, null, 2),
      publicKeyText: partnerPublicKeyText(sodium, pair.publicKey),
      fingerprint: pair.fingerprint,
    };
    byId<HTMLInputElement>('new-passphrase').value = '';
    byId<HTMLInputElement>('new-confirmation').value = '';
    saveKeyFile();
    status.textContent = '';
    renderRules();
    renderCreated();
    byId('created-fingerprint').scrollIntoView({ block: 'center' });
  } finally {
    state.busy = false;
  }
}

function fileStem(): string {
  return (state.created?.fingerprint ?? '').replace(/ /g, '').slice(0, 10);
}

function saveKeyFile(): void {
  if (state.created) {
    download(`lumina-partner-key-${fileStem()}.json`, state.created.keyFile, 'application/json');
  }
}

function savePublicKey(): void {
  if (state.created) {
    const text = `${state.created.publicKeyText}\n\nFingerprint: ${state.created.fingerprint}\n`;
    download(`lumina-partner-public-key-${fileStem()}.txt`, text, 'text/plain');
  }
}

function errorKeyOf(error: unknown): ErrorKey {
  if (error instanceof SharePackageError) return error.code;
  if (error instanceof PartnerKeyError) {
    if (error.code === 'wrong-passphrase') return 'wrong-passphrase';
    return error.code === 'unsupported-version' ? 'key-unsupported-version' : 'key-malformed';
  }
  return 'unexpected';
}

async function openPackage(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const m = t();
  const packageFile = byId<HTMLInputElement>('package-file').files?.[0];
  const keyFile = byId<HTMLInputElement>('key-file').files?.[0];
  const passphraseInput = byId<HTMLInputElement>('open-passphrase');
  state.opened = undefined;
  state.error = undefined;
  renderPackage();
  renderError();
  const status = byId('open-status');
  if (!packageFile || !keyFile || !passphraseInput.value) {
    status.textContent = m.missingFiles;
    return;
  }
  state.busy = true;
  status.textContent = m.opening;
  let bytes: Uint8Array | undefined;
  try {
    const sodium = await loadSodium();
    bytes = new Uint8Array(await packageFile.arrayBuffer());
    const keyText = await keyFile.text();
    const { publicKey } = partnerKeyFilePublicKey(sodium, keyText);
    const now = Date.now();
    // Refused early, before the passphrase costs an Argon2id derivation: altered, unsigned, misaddressed, expired.
    await checkSharePackage(bytes, publicKey, now);
    await nextPaint();
    const pair = unlockPartnerKey(sodium, keyText, passphraseInput.value);
    try {
      state.opened = await openSharePackage(
        bytes,
        { partnerPublicKey: pair.publicKey, partnerSecretKey: pair.secretKey },
        now,
      );
    } finally {
      sodium.memzero(pair.secretKey);
    }
    passphraseInput.value = '';
  } catch (error) {
    const key = errorKeyOf(error);
    let date: number | undefined;
    if (key === 'expired' && bytes) date = readSharePackageHeader(bytes).expiresAt;
    state.error = date === undefined ? { key } : { key, date };
    if (key === 'unexpected') console.error(error);
  } finally {
    state.busy = false;
    status.textContent = '';
  }
  renderPackage();
  renderError();
  if (state.opened) byId('package-heading').focus();
}

function closePackage(): void {
  state.opened = undefined;
  renderPackage();
  byId('package-file').focus();
}

function start(): void {
  byId('package-heading').tabIndex = -1;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-language]')) {
    button.addEventListener('click', () => {
      state.language = button.dataset.language === 'ja' ? 'ja' : 'en';
      applyLanguage();
    });
  }
  byId<HTMLFormElement>('create-form').addEventListener('submit', (event) => void createKeyPair(event));
  byId<HTMLFormElement>('open-form').addEventListener('submit', (event) => void openPackage(event));
  byId('new-passphrase').addEventListener('input', renderRules);
  byId('new-confirmation').addEventListener('input', renderRules);
  byId('save-key-file').addEventListener('click', saveKeyFile);
  byId('save-public-key').addEventListener('click', savePublicKey);
  byId('print').addEventListener('click', () => window.print());
  byId('close-package').addEventListener('click', closePackage);
  applyLanguage();
  void loadStrengthEstimator().then((estimator) => {
    state.estimator = estimator;
    renderRules();
  });
}

start();
