import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STAFF_NAME_MAX_LENGTH,
  validateEnrolment,
  type Enrolment,
  type EnrolmentDraft,
} from '../../../../shared/domain/staff-forms';
import { AuthRequestError } from '../../auth/auth-client';
import { ErrorSummary, Field, FormSettingsProvider, useForm } from '../../components/form/index';
import { NewPassphraseFields, newPassphraseProps, usePassphraseAssessment } from './NewPassphraseFields';

export interface SetupValues {
  setupCode: string;
  displayName: string;
  deviceName: string;
  passphrase: string;
}

export interface EnrolValues {
  invitationCode: string;
  deviceName: string;
  passphrase: string;
}

interface Props {
  onSetUp(values: SetupValues): Promise<void>;
  onEnrol(values: EnrolValues): Promise<void>;
}

const KNOWN_ERRORS = [
  'setup-code-invalid',
  'already-set-up',
  'invitation-invalid',
  'fingerprint-mismatch',
  'unreachable',
];
const EMPTY: EnrolmentDraft = {
  mode: 'join',
  code: '',
  displayName: '',
  deviceName: '',
  passphrase: '',
  confirmation: '',
};

/** Words a field's errors from `enrol.problem.<field>` (the same code reads differently per field). */
function Worded({ field, children }: { field: keyof EnrolmentDraft; children: ReactNode }) {
  return (
    <FormSettingsProvider
      errorPrefix={`enrol.problem.${field}`}
      firstErrorOnly
      classes={{ hint: 'muted small' }}
    >
      {children}
    </FormSettingsProvider>
  );
}

/**
 * A device with nothing on it: either the first admin sets up the organisation with the server's setup code,
 * or a staff member enrols with an invitation code. Either way the device makes its keys and the person chooses
 * the passphrase that seals them.
 */
export function EnrolmentScreen({ onSetUp, onEnrol }: Props) {
  const { t } = useTranslation();
  const form = useForm<EnrolmentDraft, Enrolment>({
    initial: EMPTY,
    validate: (draft) => validateEnrolment(draft, assessment?.acceptable),
    save: (value) =>
      value.mode === 'setup'
        ? onSetUp({
            setupCode: value.setupCode,
            displayName: value.displayName,
            deviceName: value.deviceName,
            passphrase: value.passphrase,
          })
        : onEnrol({
            invitationCode: value.invitationCode,
            deviceName: value.deviceName,
            passphrase: value.passphrase,
          }),
    keepDraft: true,
    // The refusal worded here (the server's reason codes only): ErrorSummary shows it as it is.
    describeError: describe,
  });
  const { values, saving } = form;
  const { mode } = values;
  const assessment = usePassphraseAssessment(values.passphrase, [
    values.displayName,
    values.deviceName,
    'lumina',
    'concierge',
  ]);

  function describe(cause: unknown): string {
    if (cause instanceof AuthRequestError) {
      const key = KNOWN_ERRORS.includes(cause.reason) ? cause.reason : undefined;
      if (key) return t(`enrol.error.${key}`);
      if (cause.kind === 'unreachable') return t('enrol.error.unreachable');
      return t('enrol.error.other', { reason: cause.reason });
    }
    return t('enrol.error.other', { reason: cause instanceof Error ? cause.message : String(cause) });
  }

  return (
    <form className="lock-screen enrolment" onSubmit={form.submit} noValidate aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t('enrol.heading')}</h2>
      <p className="muted">{t('enrol.intro')}</p>
      <fieldset className="choice" disabled={saving}>
        <legend>{t('enrol.modeLabel')}</legend>
        <label>
          <input
            type="radio"
            name="enrol-mode"
            checked={mode === 'join'}
            onChange={() => form.set({ mode: 'join' })}
          />{' '}
          {t('enrol.modeJoin')}
        </label>
        <label>
          <input
            type="radio"
            name="enrol-mode"
            checked={mode === 'setup'}
            onChange={() => form.set({ mode: 'setup' })}
          />{' '}
          {t('enrol.modeSetup')}
        </label>
      </fieldset>

      <Worded field="code">
        <Field
          label={mode === 'setup' ? t('enrol.setupCode') : t('enrol.invitationCode')}
          id="enrol-code"
          errors={form.errorsAt('code')}
          hint={mode === 'setup' ? t('enrol.setupCodeHelp') : t('enrol.invitationCodeHelp')}
        >
          {(control) => (
            <input
              {...control}
              {...form.bind('code')}
              className="code-input"
              autoComplete="off"
              spellCheck={false}
              disabled={saving}
            />
          )}
        </Field>
      </Worded>

      {mode === 'setup' && (
        <Worded field="displayName">
          <Field label={t('enrol.displayName')} id="enrol-display-name" errors={form.errorsAt('displayName')}>
            {(control) => (
              <input
                {...control}
                {...form.bind('displayName')}
                autoComplete="name"
                maxLength={STAFF_NAME_MAX_LENGTH}
                disabled={saving}
              />
            )}
          </Field>
        </Worded>
      )}

      <Worded field="deviceName">
        <Field
          label={t('enrol.deviceName')}
          id="enrol-device-name"
          errors={form.errorsAt('deviceName')}
          hint={t('enrol.deviceNameHelp')}
        >
          {(control) => (
            <input
              {...control}
              {...form.bind('deviceName')}
              autoComplete="off"
              maxLength={STAFF_NAME_MAX_LENGTH}
              disabled={saving}
            />
          )}
        </Field>
      </Worded>

      <Worded field="passphrase">
        <NewPassphraseFields {...newPassphraseProps(form, assessment)} />
      </Worded>

      <button type="submit" disabled={saving}>
        {saving ? t('enrol.working') : mode === 'setup' ? t('enrol.submitSetup') : t('enrol.submitJoin')}
      </button>
      <ErrorSummary form={form} invalid={t('enrol.notSent')} failed={(text) => text} />
    </form>
  );
}
