import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldErrorText, type FieldError, type Form } from '../../components/form/index';
import { PASSPHRASE_MIN_LENGTH } from '../../security/device-vault';
import {
  assessPassphrase,
  loadStrengthEstimator,
  type PassphraseAssessment,
  type StrengthEstimator,
} from '../../security/passphrase-strength';

/** The passphrase's assessment as it is typed; undefined while zxcvbn's dictionaries load. */
export function usePassphraseAssessment(
  passphrase: string,
  userInputs: string[],
): PassphraseAssessment | undefined {
  const [estimator, setEstimator] = useState<StrengthEstimator | undefined>();
  useEffect(() => {
    let live = true;
    void loadStrengthEstimator().then((loaded) => {
      if (live) setEstimator(() => loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return estimator ? assessPassphrase(passphrase, estimator, userInputs) : undefined;
}

interface Props {
  passphrase: string;
  confirmation: string;
  onPassphrase(value: string): void;
  onConfirmation(value: string): void;
  assessment: PassphraseAssessment | undefined;
  disabled: boolean;
  /** The form's errors for each box (shown under it, worded by the form's settings). */
  passphraseErrors?: readonly FieldError[];
  confirmationErrors?: readonly FieldError[];
}

/** The fields' props bound to a form that holds `passphrase` and `confirmation` (enrolment, a passphrase change). */
export function newPassphraseProps(
  form: Form<{ passphrase: string; confirmation: string }>,
  assessment: PassphraseAssessment | undefined,
): Props {
  return {
    passphrase: form.values.passphrase,
    confirmation: form.values.confirmation,
    onPassphrase: (passphrase) => form.set({ passphrase }),
    onConfirmation: (confirmation) => form.set({ confirmation }),
    assessment,
    disabled: form.saving,
    passphraseErrors: form.errorsAt('passphrase'),
    confirmationErrors: form.errorsAt('confirmation'),
  };
}

/** A new passphrase twice, with a strength meter and the two rules it must meet, each ticked as it is met. */
export function NewPassphraseFields(props: Props) {
  const { t } = useTranslation();
  const { passphrase, assessment } = props;
  const longEnough = [...passphrase].length >= PASSPHRASE_MIN_LENGTH;
  const hardToGuess = assessment !== undefined && !assessment.problems.includes('too-guessable');
  const { passphraseErrors = [], confirmationErrors = [] } = props;
  return (
    <>
      <label htmlFor="new-passphrase">{t('passphrase.label')}</label>
      <input
        id="new-passphrase"
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onChange={(e) => props.onPassphrase(e.target.value)}
        disabled={props.disabled}
        aria-invalid={passphraseErrors.length > 0 ? true : undefined}
        aria-describedby={
          passphraseErrors.length > 0 ? 'passphrase-rules new-passphrase-error' : 'passphrase-rules'
        }
      />
      <FieldErrorText id="new-passphrase-error" errors={passphraseErrors} />
      <div className="strength" id="passphrase-rules">
        {assessment ? (
          <>
            <meter
              className={`strength-meter score-${assessment.score}`}
              aria-label={t('passphrase.meter')}
              min={0}
              max={4}
              low={2}
              high={3}
              optimum={4}
              value={passphrase ? assessment.score : 0}
            />
            <span data-testid="passphrase-strength">
              {t('passphrase.strength', {
                label: t(`passphrase.score.${passphrase ? assessment.score : 0}`),
              })}
            </span>
          </>
        ) : (
          <span className="muted">{t('passphrase.checking')}</span>
        )}
        <ul className="rules">
          <li className={longEnough ? 'rule-met' : 'rule-unmet'}>
            <span aria-hidden="true">{longEnough ? '✓' : '·'}</span>{' '}
            {t('passphrase.ruleLength', { min: PASSPHRASE_MIN_LENGTH })}
          </li>
          <li className={hardToGuess ? 'rule-met' : 'rule-unmet'}>
            <span aria-hidden="true">{hardToGuess ? '✓' : '·'}</span> {t('passphrase.ruleScore')}
          </li>
        </ul>
        {passphrase && assessment?.warning && (
          <p className="field-error">{t(`passphrase.warning.${assessment.warning}`)}</p>
        )}
        <p className="muted">{t('passphrase.hint')}</p>
      </div>
      <label htmlFor="new-passphrase-again">{t('passphrase.again')}</label>
      <input
        id="new-passphrase-again"
        type="password"
        autoComplete="new-password"
        value={props.confirmation}
        onChange={(e) => props.onConfirmation(e.target.value)}
        disabled={props.disabled}
        aria-invalid={confirmationErrors.length > 0 ? true : undefined}
        aria-describedby={confirmationErrors.length > 0 ? 'new-passphrase-again-error' : undefined}
      />
      <FieldErrorText id="new-passphrase-again-error" errors={confirmationErrors} />
    </>
  );
}
