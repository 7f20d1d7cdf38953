import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_NAME_MAX_LENGTH, validateInvitation } from '../../../../shared/domain/staff-forms';
import { ROLES, type InvitationResponse, type Role } from '../../../../shared/index';
import type { StaffClient } from '../../auth/auth-client';
import { ErrorSummary, Field, FormSettingsProvider, useForm } from '../../components/form/index';
import { OneTimeCode } from './OneTimeCode';
import { describeStaffError } from './describe-error';

interface Props {
  staff: StaffClient;
  /** The inviter's role: only an admin may invite an admin. */
  role: Role;
  onInvited(): void;
}

/** Invites a staff member with a role; the code is shown once, to be passed on in person or by phone. */
export function InviteForm({ staff, role: inviterRole, onInvited }: Props) {
  const { t } = useTranslation();
  const [issued, setIssued] = useState<{ name: string; invitation: InvitationResponse } | undefined>();
  const form = useForm({
    initial: { displayName: '', role: 'concierge' },
    validate: (draft) => validateInvitation(draft, inviterRole),
    save: async (value) => {
      const invitation = await staff.invite(value);
      setIssued({ name: value.displayName, invitation });
    },
    onSaved: onInvited,
    // The server's refusal, already worded (describeStaffError): ErrorSummary shows it as it is.
    describeError: (cause) => describeStaffError(t, cause),
  });

  if (issued) {
    return (
      <section aria-labelledby="invitation-heading" className="panel">
        <h3 id="invitation-heading">{t('staff.invite.codeHeading', { name: issued.name })}</h3>
        <OneTimeCode code={issued.invitation.code} testId="invitation-code" />
        <p className="muted">
          {t('staff.invite.codeOnce', { name: issued.name, time: new Date(issued.invitation.expiresAt) })}
        </p>
        <button type="button" onClick={() => setIssued(undefined)}>
          {t('staff.invite.done')}
        </button>
      </section>
    );
  }

  return (
    <FormSettingsProvider errorPrefix="staff.invite.problem">
      <form className="panel invite-form" onSubmit={form.submit} noValidate aria-labelledby="invite-heading">
        <h3 id="invite-heading">{t('staff.invite.heading')}</h3>
        <Field label={t('staff.invite.name')} id="invite-name" errors={form.errorsAt('displayName')}>
          {(control) => (
            <input
              {...control}
              {...form.bind('displayName')}
              maxLength={STAFF_NAME_MAX_LENGTH}
              autoComplete="off"
              disabled={form.saving}
            />
          )}
        </Field>
        <Field label={t('staff.invite.role')} id="invite-role" errors={form.errorsAt('role')}>
          {(control) => (
            <select {...control} {...form.bind('role')} disabled={form.saving}>
              {ROLES.filter((r) => inviterRole === 'admin' || r !== 'admin').map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={form.saving}>
          {t('staff.invite.submit')}
        </button>
        <ErrorSummary form={form} invalid={t('staff.invite.notCreated')} failed={(text) => text} />
      </form>
    </FormSettingsProvider>
  );
}
