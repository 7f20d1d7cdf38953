import { useTranslation } from 'react-i18next';
import {
  ANSWER_CHANNELS,
  REPRESENTATION_EVIDENCE,
  VERIFICATION_METHODS,
  VERIFICATION_OUTCOMES,
  type DataSubjectRequest,
  type RequestType,
} from '../../../../shared/domain/request';
import { GROUNDS_BY_TYPE } from '../../../../shared/domain/request-evidence';
import {
  validateClose,
  validateVerification,
  type CloseValue,
  type VerificationValue,
} from '../../../../shared/domain/request-form';
import { ErrorSummary, Field, FormSettingsProvider, useForm } from '../../components/form/index';
import { RequestRefused } from './requests-data';

function useRefusalText() {
  const { t } = useTranslation();
  return (cause: unknown) =>
    cause instanceof RequestRefused ? t(`requests.refused.${cause.problem}`) : String(cause);
}

/** Records how the requester's identity (and a representative's authority) was checked. */
export function VerifyForm({
  request,
  onVerified,
}: {
  request: DataSubjectRequest;
  onVerified(value: VerificationValue): Promise<void>;
}) {
  const { t } = useTranslation();
  // A representative's authority is checked once (request-history.ts): a new identity check does not ask it again.
  const representative =
    request.requester.kind === 'representative' && request.requester.checkedBy === undefined;
  const form = useForm({
    initial: { method: 'passport-in-person', outcome: 'verified', notes: '', evidence: '' },
    validate: (draft) => validateVerification(draft, representative),
    save: onVerified,
    describeError: useRefusalText(),
  });
  return (
    <FormSettingsProvider errorPrefix="requests.problem">
      <form className="panel request-form" onSubmit={form.submit} noValidate aria-labelledby="verify-heading">
        <h3 id="verify-heading">{t('requests.verify.heading')}</h3>
        <Field label={t('requests.verify.method')} id="verify-method" errors={form.errorsAt('method')}>
          {(control) => (
            <select {...control} {...form.bind('method')}>
              {VERIFICATION_METHODS.map((method) => (
                <option key={method} value={method}>
                  {t(`requests.method.${method}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('requests.verify.outcome')} id="verify-outcome" errors={form.errorsAt('outcome')}>
          {(control) => (
            <select {...control} {...form.bind('outcome')}>
              {VERIFICATION_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {t(`requests.outcome.${outcome}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {representative && (
          <Field
            label={t('requests.verify.evidence')}
            id="verify-evidence"
            errors={form.errorsAt('evidence')}
          >
            {(control) => (
              <select {...control} {...form.bind('evidence')}>
                <option value="" />
                {REPRESENTATION_EVIDENCE.map((evidence) => (
                  <option key={evidence} value={evidence}>
                    {t(`requests.evidence.${evidence}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('requests.verify.notes')} id="verify-notes" errors={form.errorsAt('notes')}>
          {(control) => <input {...control} {...form.bind('notes')} />}
        </Field>
        <button type="submit" disabled={form.saving}>
          {t('requests.verify.submit')}
        </button>
        <ErrorSummary form={form} invalid={t('requests.notLogged')} failed={(text) => text} />
      </form>
    </FormSettingsProvider>
  );
}

/** Answers the request (in full or in part, with the ground) or refuses it with a legal ground fit for its type. */
export function CloseForm({
  type,
  onClose,
}: {
  type: RequestType;
  onClose(value: CloseValue): Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { kind: 'answer', channel: 'email', summary: '', partial: 'no', ground: '' },
    validate: validateClose,
    save: onClose,
    describeError: useRefusalText(),
  });
  const refusing = form.values.kind === 'refuse';
  const needsGround = refusing || form.values.partial === 'yes';
  return (
    <FormSettingsProvider errorPrefix="requests.problem">
      <form className="panel request-form" onSubmit={form.submit} noValidate aria-labelledby="close-heading">
        <h3 id="close-heading">{t('requests.close.heading')}</h3>
        <Field label={t('requests.close.kind')} id="close-kind" errors={form.errorsAt('kind')}>
          {(control) => (
            <select {...control} {...form.bind('kind')}>
              <option value="answer">{t('requests.close.answer')}</option>
              <option value="refuse">{t('requests.close.refuse')}</option>
            </select>
          )}
        </Field>
        {!refusing && (
          <>
            <Field label={t('requests.close.channel')} id="close-channel" errors={form.errorsAt('channel')}>
              {(control) => (
                <select {...control} {...form.bind('channel')}>
                  {ANSWER_CHANNELS.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(`requests.answerChannel.${channel}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('requests.close.partial')} id="close-partial" errors={form.errorsAt('partial')}>
              {(control) => (
                <select {...control} {...form.bind('partial')}>
                  <option value="no">{t('requests.close.partialNo')}</option>
                  <option value="yes">{t('requests.close.partialYes')}</option>
                </select>
              )}
            </Field>
          </>
        )}
        {needsGround && (
          <Field label={t('requests.close.ground')} id="close-ground" errors={form.errorsAt('ground')}>
            {(control) => (
              <select {...control} {...form.bind('ground')}>
                <option value="" />
                {GROUNDS_BY_TYPE[type].map((ground) => (
                  <option key={ground} value={ground}>
                    {t(`requests.ground.${ground}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('requests.close.summary')} id="close-summary" errors={form.errorsAt('summary')}>
          {(control) => <textarea {...control} {...form.bind('summary')} rows={3} />}
        </Field>
        <button type="submit" disabled={form.saving}>
          {t('requests.close.submit')}
        </button>
        <ErrorSummary form={form} invalid={t('requests.notLogged')} failed={(text) => text} />
      </form>
    </FormSettingsProvider>
  );
}
