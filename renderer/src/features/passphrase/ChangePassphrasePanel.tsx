import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  validatePassphraseChange,
  type PassphraseChange,
  type PassphraseChangeDraft,
} from '../../../../shared/domain/passphrase-change';
import { ErrorSummary, Field, FormSettingsProvider, useForm } from '../../components/form/index';
import { useSession } from '../../session/index';
import { WrongPassphraseError } from '../../security/device-vault';
import {
  NewPassphraseFields,
  newPassphraseProps,
  usePassphraseAssessment,
} from '../enrolment/NewPassphraseFields';
import { changeDevicePassphrase } from './passphrase-data';

const EMPTY: PassphraseChangeDraft = { current: '', passphrase: '', confirmation: '' };

function Worded({ field, children }: { field: 'current' | 'passphrase'; children: ReactNode }) {
  return (
    <FormSettingsProvider errorPrefix={`passphraseChange.problem.${field}`} firstErrorOnly>
      {children}
    </FormSettingsProvider>
  );
}

/** This device: a new passphrase for the vault, under enrolment's rules, given the current one. */
export function ChangePassphrasePanel() {
  const { t } = useTranslation();
  const { identity } = useSession();
  const form = useForm<PassphraseChangeDraft, PassphraseChange>({
    initial: EMPTY,
    validate: (draft) => validatePassphraseChange(draft, assessment?.acceptable),
    save: (value) => changeDevicePassphrase(value.current, value.passphrase),
    describeError: (cause) => (cause instanceof WrongPassphraseError ? 'wrong' : 'unknown'),
  });
  const { values, saving } = form;
  const assessment = usePassphraseAssessment(values.passphrase, [
    values.current,
    identity.displayName,
    'lumina',
    'concierge',
  ]);
  return (
    <section aria-labelledby="passphrase-change-heading" className="panel">
      <h3 id="passphrase-change-heading">{t('passphraseChange.heading')}</h3>
      <p className="muted">{t('passphraseChange.intro')}</p>
      <form className="passphrase-change" onSubmit={(event) => void form.submit(event)} noValidate>
        <Worded field="current">
          <Field
            label={t('passphraseChange.current')}
            id="current-passphrase"
            errors={form.errorsAt('current')}
          >
            {(control) => (
              <input
                {...control}
                {...form.bind('current')}
                type="password"
                autoComplete="current-password"
                disabled={saving}
              />
            )}
          </Field>
        </Worded>
        <Worded field="passphrase">
          <NewPassphraseFields {...newPassphraseProps(form, assessment)} />
        </Worded>
        <button type="submit" disabled={saving}>
          {saving ? t('passphraseChange.working') : t('passphraseChange.submit')}
        </button>
        <ErrorSummary
          form={form}
          invalid={t('passphraseChange.notSent')}
          failed={(code) =>
            code === 'wrong' ? t('passphraseChange.wrong') : t('passphraseChange.failed', { code })
          }
        />
        {form.outcome?.kind === 'saved' && (
          <p role="status" className="notice fading">
            {t('passphraseChange.done')}
          </p>
        )}
      </form>
    </section>
  );
}
