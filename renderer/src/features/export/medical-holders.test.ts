import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogues, localeOf } from '../../i18n/index';
import { noAccessText, type MedicalKeyHolder } from './medical-holders';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: catalogues.en }, ja: { translation: catalogues.ja } },
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

const chika: MedicalKeyHolder = {
  staffId: 'c',
  name: 'Chika Mori',
  role: 'coordinator',
  devices: 1,
  canGrant: true,
};
const ben: MedicalKeyHolder = {
  staffId: 'b',
  name: 'Ben Carter',
  role: 'concierge',
  devices: 2,
  canGrant: false,
};

describe('the export panel without a grant to the medical section (issue 16, point 2: it says who can grant)', () => {
  it('names in English whom to ask, with their devices that hold the key, and who else holds it', () => {
    const t = i18n.getFixedT(localeOf('en'));
    const [ask, others] = noAccessText(t, [chika, ben]);
    expect(ask).toContain('Ask one of these people to grant it to this device');
    expect(ask).toContain('Chika Mori (Coordinator, 1 device with the key)');
    expect(ask).not.toContain('Ben Carter');
    expect(others).toBe(
      'Also holding the key, but not allowed to grant it: Ben Carter (Concierge, 2 devices with the key).',
    );
  });

  it('says so in Japanese', () => {
    const t = i18n.getFixedT(localeOf('ja'));
    const [ask, others] = noAccessText(t, [chika, ben]);
    expect(ask).toContain('Chika Mori（コーディネーター、鍵を持つ端末1台）');
    expect(ask).toContain('付与を次の人に依頼してください');
    expect(others).toContain('Ben Carter（コンシェルジュ、鍵を持つ端末2台）');
  });

  it('when no holder may grant, names who holds the key and that the recovery key is needed', () => {
    for (const language of ['en', 'ja'] as const) {
      const t = i18n.getFixedT(localeOf(language));
      const lines = noAccessText(t, [ben]);
      expect(lines[0]).toContain(language === 'en' ? 'organisation recovery key' : '組織の復旧キー');
      expect(lines[1]).toContain('Ben Carter');
      expect(noAccessText(t, [])).toHaveLength(1);
    }
  });
});
