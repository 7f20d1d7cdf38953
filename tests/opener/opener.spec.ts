import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { partnerKeyFilePublicKey, partnerPublicKeyText } from '../../shared/crypto/partner-key';
import { sealSharePackage, type SharePackageContent } from '../../shared/crypto/share-package';
import { loadSodium } from '../../shared/crypto/sodium';
import { expectAccessible } from '../support/axe';
import { watchPageErrors } from '../support/page-errors';

// The partner opener from its built file (out/opener/lumina-opener.html, made by `npm run build`), on file://.
// Three Argon2id derivations at the project's default cost run in the page: making the key file, opening, and
// one wrong passphrase.

const OPENER = pathToFileURL(resolve(import.meta.dirname, '../../out/opener/lumina-opener.html')).href;
const PASSPHRASE = 'maple lantern 藤の花 orbit quietly';
const DAY = 24 * 60 * 60 * 1000;

const sodium = await loadSodium();
const device = sodium.crypto_sign_keypair();
const deviceBox = sodium.crypto_box_keypair();

function content(createdAt: number, expiresAt: number, packageId: string): SharePackageContent {
  return {
    format: 'lumina-share/1',
    packageId,
    subjectRef: 'subject-7f3a',
    partnerId: 'partner-01',
    partnerName: 'Tokyo Wellness Clinic',
    purpose: 'Health check booked for 10 December',
    createdAt,
    expiresAt,
    sender: { organisation: 'LUMINA Japan', staffName: 'Aiko Tanaka', deviceId: 'device-42' },
    items: [
      { key: 'name', label: { en: 'Name', ja: '氏名' }, value: 'Jane Doe', medical: false },
      {
        key: 'allergies',
        label: { en: 'Allergies', ja: 'アレルギー' },
        value: 'Penicillin: rash',
        medical: true,
      },
    ],
  };
}

async function seal(to: Uint8Array, createdAt: number, expiresAt: number, id: string): Promise<Uint8Array> {
  return sealSharePackage({
    content: content(createdAt, expiresAt, id),
    partnerPublicKey: to,
    signingSecretKey: device.privateKey,
    signingPublicKey: device.publicKey,
    senderBoxPublicKey: deviceBox.publicKey,
  });
}

async function openWith(
  page: Page,
  info: TestInfo,
  name: string,
  bytes: Uint8Array,
  keyPath: string,
  passphrase: string,
) {
  const path = info.outputPath(`${name}.lumina-share`);
  await writeFile(path, bytes);
  await page.getByLabel('Package file').setInputFiles(path);
  await page.getByLabel('Your key file').setInputFiles(keyPath);
  await page.getByLabel('Passphrase of the key file').fill(passphrase);
  await page.getByRole('button', { name: 'Open the package' }).click();
}

test('a partner makes a key pair, opens a package for it, and is refused altered, expired or misaddressed ones', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  const watcher = watchPageErrors();
  watcher.watchPage(page);
  await page.goto(OPENER);
  await expect(page.getByRole('heading', { level: 1, name: 'LUMINA secure package opener' })).toBeVisible();
  await expectAccessible(page, 'the opener, English');

  // Step 1: the key pair. A weak passphrase is refused before anything is made.
  await page.getByLabel('Passphrase', { exact: true }).fill('password1234');
  await page.getByLabel('Passphrase again').fill('password1234');
  await page.getByRole('button', { name: 'Create the key pair' }).click();
  await expect(page.getByRole('status')).toContainText('Choose a passphrase that meets every rule');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Passphrase again').fill(PASSPHRASE);
  await expect(page.locator('#rule-score')).toHaveAttribute('data-met', 'true');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Create the key pair' }).click();
  const keyDownload = await downloading;
  const keyPath = info.outputPath('partner-key.json');
  await keyDownload.saveAs(keyPath);
  const keyFile = await readFile(keyPath, 'utf8');
  expect(keyFile).not.toContain(PASSPHRASE);
  const { publicKey, fingerprint } = partnerKeyFilePublicKey(sodium, keyFile);
  await expect(page.locator('#created-fingerprint')).toHaveText(fingerprint);
  await expect(page.getByLabel('Public key to send to LUMINA')).toHaveValue(
    partnerPublicKeyText(sodium, publicKey),
  );
  const publicDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save the public key as a text file' }).click();
  expect(await readFile(await (await publicDownload).path(), 'utf8')).toContain(
    partnerPublicKeyText(sodium, publicKey),
  );
  await expectAccessible(page, 'the opener after making a key pair');
  await page.screenshot({ path: info.outputPath('1-key-pair.png'), fullPage: true });

  // Step 2: a package sealed in Node to that public key opens, showing exactly its items.
  const now = Date.now();
  await openWith(
    page,
    info,
    'good',
    await seal(publicKey, now, now + 7 * DAY, 'pkg-good'),
    keyPath,
    PASSPHRASE,
  );
  const view = page.getByRole('article');
  await expect(view.getByText('Signature verified')).toBeVisible({ timeout: 30_000 });
  const rows = view.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveText(['Name', 'Jane Doe', '—'].join(''));
  await expect(rows.nth(1)).toHaveText(['Allergies', 'Penicillin: rash', 'Medical information'].join(''));
  await expect(view).toContainText('LUMINA Japan');
  await expect(view).toContainText('Aiko Tanaka');
  await expect(view).toContainText('Health check booked for 10 December');
  const { fingerprint: deviceFingerprint } = await import('../../shared/crypto/identity');
  await expect(view).toContainText(deviceFingerprint(sodium, deviceBox.publicKey, device.publicKey));
  await expectAccessible(page, 'an opened package, English');
  await page.screenshot({ path: info.outputPath('2-opened-en.png'), fullPage: true });

  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(rows.nth(1)).toHaveText(['アレルギー', 'Penicillin: rash', '医療情報'].join(''));
  await expect(view).toContainText('署名を確認しました');
  await expectAccessible(page, 'an opened package, Japanese');
  await page.screenshot({ path: info.outputPath('3-opened-ja.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'パッケージを開く' })).toBeHidden();
  await page.screenshot({ path: info.outputPath('4-print-ja.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'English' }).click();

  // Refusals: a clear message per reason, and nothing of the content.
  const other = sodium.crypto_box_keypair();
  const flipped = await seal(publicKey, now, now + DAY, 'pkg-flipped');
  flipped[flipped.length - 100]! ^= 0x01;
  const unsigned = await seal(publicKey, now, now + DAY, 'pkg-unsigned');
  const refusals: [string, Uint8Array, string, string][] = [
    ['unsigned', unsigned.slice(0, unsigned.length - 64), PASSPHRASE, 'This package carries no signature'],
    ['flipped', flipped, PASSPHRASE, 'This package was altered after it was sealed'],
    [
      'expired',
      await seal(publicKey, now - 10 * DAY, now - DAY, 'pkg-expired'),
      PASSPHRASE,
      'This package expired on',
    ],
    [
      'readdressed',
      await seal(other.publicKey, now, now + DAY, 'pkg-other'),
      PASSPHRASE,
      'addressed to another key',
    ],
    [
      'wrong-passphrase',
      await seal(publicKey, now, now + DAY, 'pkg-pass'),
      `${PASSPHRASE}!`,
      'The passphrase does not open',
    ],
  ];
  for (const [name, bytes, passphrase, message] of refusals) {
    await openWith(page, info, name, bytes, keyPath, passphrase);
    await expect(page.getByRole('alert'), name).toContainText(message, { timeout: 30_000 });
    await expect(page.getByRole('article')).toBeHidden();
    await expect(page.locator('body')).not.toContainText('Jane Doe');
    await expect(page.locator('body')).not.toContainText('Penicillin');
    if (name === 'expired') {
      await expectAccessible(page, 'a refused package, English');
      await page.screenshot({ path: info.outputPath('5-expired-en.png'), fullPage: true });
    }
  }
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('alert')).toContainText('このパスフレーズでは鍵ファイルを開けません');
  await expectAccessible(page, 'a refused package, Japanese');
  await page.screenshot({ path: info.outputPath('6-refused-ja.png'), fullPage: true });
  expect(watcher.errors).toEqual([]);
});
