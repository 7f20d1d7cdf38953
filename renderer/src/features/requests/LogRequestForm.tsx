import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/index';
import {
  ERASURE_REQUEST_SCOPES,
  REQUEST_CHANNELS,
  REQUEST_TYPES,
  REQUESTER_KINDS,
} from '../../../../shared/domain/request';
import { validateLogRequest, type LogRequestDraft } from '../../../../shared/domain/request-form';
import {
  DateTimeField,
  ErrorSummary,
  Field,
  FormSettingsProvider,
  useForm,
} from '../../components/form/index';
import { RequestRefused, useRequestCommands } from './requests-data';

interface Props {
  clients: ReadonlyArray<Pick<Client, 'id' | 'names'>>;
  onDone(): void;
}

const EMPTY: LogRequestDraft = {
  clientId: '',
  type: 'disclosure',
  channel: 'in-person',
  requesterKind: 'client',
  requesterName: '',
  relationship: '',
  residenceCountry: '',
  details: '',
  erasureScope: 'client',
  receivedAt: '',
};

/** Logs a request as received, now, in the signed-in person's name; the deadline follows from the rules. */
export function LogRequestForm({ clients, onDone }: Props) {
  const { t } = useTranslation();
  const commands = useRequestCommands();
  const form = useForm({
    initial: EMPTY,
    validate: (draft) => validateLogRequest(draft, Date.now()),
    save: async (value) => void (await commands.log(value)),
    onSaved: onDone,
    describeError: (cause) =>
      cause instanceof RequestRefused ? t(`requests.refused.${cause.problem}`) : String(cause),
  });
  const representative = form.values.requesterKind === 'representative';
  return (
    <FormSettingsProvider errorPrefix="requests.problem">
      <form
        className="panel request-form"
        onSubmit={form.submit}
        noValidate
        aria-labelledby="log-request-heading"
      >
        <h3 id="log-request-heading">{t('requests.logHeading')}</h3>
        <Field label={t('requests.field.client')} id="request-client" errors={form.errorsAt('clientId')}>
          {(control) => (
            <select {...control} {...form.bind('clientId')} disabled={form.saving}>
              <option value="">{t('requests.field.chooseClient')}</option>
              {clients.map((client) => (
                <option key={client.id} value={client.id}>
                  {client.names.latin}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('requests.field.type')} id="request-type" errors={form.errorsAt('type')}>
          {(control) => (
            <select {...control} {...form.bind('type')} disabled={form.saving}>
              {REQUEST_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`requests.type.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.values.type === 'erasure' && (
          <Field
            label={t('requests.field.erasureScope')}
            id="request-erasure-scope"
            errors={form.errorsAt('erasureScope')}
          >
            {(control) => (
              <select {...control} {...form.bind('erasureScope')} disabled={form.saving}>
                {ERASURE_REQUEST_SCOPES.map((scope) => (
                  <option key={scope} value={scope}>
                    {t(`requests.erasureScope.${scope}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('requests.field.channel')} id="request-channel" errors={form.errorsAt('channel')}>
          {(control) => (
            <select {...control} {...form.bind('channel')} disabled={form.saving}>
              {REQUEST_CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`requests.channel.${channel}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('requests.field.requesterKind')}
          id="request-requester"
          errors={form.errorsAt('requesterKind')}
        >
          {(control) => (
            <select {...control} {...form.bind('requesterKind')} disabled={form.saving}>
              {REQUESTER_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`requests.requester.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {representative && (
          <>
            <Field
              label={t('requests.field.requesterName')}
              id="request-requester-name"
              errors={form.errorsAt('requesterName')}
            >
              {(control) => <input {...control} {...form.bind('requesterName')} disabled={form.saving} />}
            </Field>
            <Field
              label={t('requests.field.relationship')}
              id="request-relationship"
              errors={form.errorsAt('relationship')}
            >
              {(control) => <input {...control} {...form.bind('relationship')} disabled={form.saving} />}
            </Field>
          </>
        )}
        <Field
          label={t('requests.field.residenceCountry')}
          id="request-residence"
          hint={t('requests.field.residenceHint')}
          errors={form.errorsAt('residenceCountry')}
        >
          {(control) => (
            <input {...control} {...form.bind('residenceCountry')} maxLength={2} disabled={form.saving} />
          )}
        </Field>
        <DateTimeField
          label={t('requests.act.receivedAt')}
          id="request-received-at"
          hint={t('requests.act.receivedHint')}
          errors={form.errorsAt('receivedAt')}
          disabled={form.saving}
          {...form.bind('receivedAt')}
        />
        <Field label={t('requests.field.details')} id="request-details" errors={form.errorsAt('details')}>
          {(control) => <textarea {...control} {...form.bind('details')} rows={3} disabled={form.saving} />}
        </Field>
        <div className="request-actions">
          <button type="submit" disabled={form.saving}>
            {t('requests.log')}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            {t('requests.cancel')}
          </button>
        </div>
        <ErrorSummary form={form} invalid={t('requests.notLogged')} failed={(text) => text} />
      </form>
    </FormSettingsProvider>
  );
}
