import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type InvitationResponse, type Role } from '../../../../shared/index';
import type { StaffClient } from '../../auth/auth-client';
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
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('concierge');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [issued, setIssued] = useState<{ name: string; invitation: InvitationResponse } | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const displayName = name.trim();
    if (!displayName) {
      setError(t('enrol.nameRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const invitation = await staff.invite({ displayName, role });
      setIssued({ name: displayName, invitation });
      setName('');
      onInvited();
    } catch (cause) {
      setError(describeStaffError(t, cause));
    } finally {
      setBusy(false);
    }
  }

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
    <form className="panel invite-form" onSubmit={submit} noValidate aria-labelledby="invite-heading">
      <h3 id="invite-heading">{t('staff.invite.heading')}</h3>
      <label htmlFor="invite-name">{t('staff.invite.name')}</label>
      <input
        id="invite-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        autoComplete="off"
        disabled={busy}
      />
      <label htmlFor="invite-role">{t('staff.invite.role')}</label>
      <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={busy}>
        {ROLES.filter((r) => inviterRole === 'admin' || r !== 'admin').map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy}>
        {t('staff.invite.submit')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
