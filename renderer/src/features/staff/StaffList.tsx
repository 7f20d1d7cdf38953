import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, ROLES, type Role, type StaffView } from '../../../../shared/index';
import type { StaffClient } from '../../auth/auth-client';
import { describeStaffError } from './describe-error';
import { useLogAccess } from '../../core/audit/use-log-access';
import { deviceRevocationEntry, roleChangeEntry } from '../../../../shared/domain/audit-entries';

interface Props {
  staff: StaffClient;
  role: Role;
  selfId: string;
  /** The device in use: it is not offered for revocation from itself. */
  selfDeviceId: string;
  /** Bumped by the other panels (an invitation, a decision) to reload the list. */
  version: number;
}

type Pending =
  { kind: 'staff'; id: string; name: string } | { kind: 'device'; id: string; name: string } | undefined;

/**
 * Everyone with their role, status and devices. Role changes and revocations appear only for roles that may
 * manage staff (shared/auth/roles.ts), never on one's own row; a revocation asks for confirmation first.
 */
export function StaffList({ staff, role, selfId, selfDeviceId, version }: Props) {
  const { t } = useTranslation();
  const log = useLogAccess();
  const [people, setPeople] = useState<StaffView[] | undefined>();
  const [roles, setRoles] = useState<Record<string, Role>>({});
  const [confirming, setConfirming] = useState<Pending>();
  const [busy, setBusy] = useState(false);
  // Worded at render time, so a notice follows a language switch.
  const [message, setMessage] = useState<{ text: (t: TFunction) => string; error: boolean } | undefined>();
  const manage = can(role, 'manageStaff');
  const assignableRoles = ROLES.filter((r) => role === 'admin' || r !== 'admin');

  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    staff.staff().then(
      (list) => live && setPeople(list),
      (cause: unknown) => live && setMessage({ text: (tr) => describeStaffError(tr, cause), error: true }),
    );
    return () => {
      live = false;
    };
  }, [staff, t, version, reload]);

  async function act(action: () => Promise<unknown>, done: (t: TFunction) => string) {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      setMessage({ text: done, error: false });
    } catch (cause) {
      setMessage({ text: (tr) => describeStaffError(tr, cause), error: true });
    } finally {
      setBusy(false);
      setConfirming(undefined);
      setReload((n) => n + 1);
    }
  }

  return (
    <section aria-labelledby="staff-list-heading" className="panel">
      <div className="panel-heading">
        <h3 id="staff-list-heading">{t('staff.list.heading')}</h3>
        <button type="button" className="secondary" onClick={() => setReload((n) => n + 1)}>
          {t('staff.refresh')}
        </button>
      </div>
      {message && (
        <p
          className={message.error ? 'field-error' : 'notice fading'}
          role={message.error ? 'alert' : 'status'}
          key={message.text(t)}
        >
          {message.text(t)}
        </p>
      )}
      {confirming && (
        <div className="confirmation" role="alertdialog" aria-labelledby="confirm-revocation">
          <p id="confirm-revocation">
            {confirming.kind === 'staff'
              ? t('staff.list.confirmRevokeStaff', { name: confirming.name })
              : t('staff.list.confirmRevokeDevice', { device: confirming.name })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() =>
                void (confirming.kind === 'staff'
                  ? act(
                      () =>
                        staff
                          .revokeStaff(confirming.id)
                          .then(() => log(deviceRevocationEntry(confirming.id, 'staff'))),
                      (tr) => tr('staff.list.staffRevoked', { name: confirming.name }),
                    )
                  : act(
                      () =>
                        staff
                          .revokeDevice(confirming.id)
                          .then(() => log(deviceRevocationEntry(confirming.id, 'device'))),
                      (tr) => tr('staff.list.deviceRevoked', { device: confirming.name }),
                    ))
              }
            >
              {t('staff.list.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(undefined)}>
              {t('staff.list.cancel')}
            </button>
          </div>
        </div>
      )}
      {people === undefined ? (
        <p className="muted">{t('staff.loading')}</p>
      ) : (
        <table className="staff-table data-table">
          <thead>
            <tr>
              <th scope="col">{t('staff.list.name')}</th>
              <th scope="col">{t('staff.list.role')}</th>
              <th scope="col">{t('staff.list.status')}</th>
              <th scope="col">{t('staff.list.devices')}</th>
              {manage && <th scope="col">{t('staff.list.revokeStaff')}</th>}
            </tr>
          </thead>
          <tbody>
            {people.map((person) => {
              const self = person.id === selfId;
              const chosen = roles[person.id] ?? person.role;
              // Only an admin reaches the admin role (the server refuses the rest): a manager cannot make anyone
              // admin, nor change or revoke an admin.
              const reachable = role === 'admin' || person.role !== 'admin';
              const editable = manage && reachable && !self && person.status !== 'revoked';
              return (
                <tr key={person.id} data-testid="staff-row" aria-label={person.displayName}>
                  <th scope="row">
                    {person.displayName} {self && <span className="muted">{t('staff.you')}</span>}
                  </th>
                  <td>
                    {editable ? (
                      <div className="role-change">
                        <select
                          aria-label={t('staff.list.roleFor', { name: person.displayName })}
                          value={chosen}
                          onChange={(e) => setRoles({ ...roles, [person.id]: e.target.value as Role })}
                          disabled={busy}
                        >
                          {assignableRoles.map((r) => (
                            <option key={r} value={r}>
                              {t(`roles.${r}`)}
                            </option>
                          ))}
                        </select>
                        <button
                          type="button"
                          className="secondary"
                          disabled={busy || chosen === person.role}
                          onClick={() =>
                            void act(
                              () =>
                                staff
                                  .changeRole(person.id, chosen)
                                  .then(() => log(roleChangeEntry(person.id, chosen))),
                              (tr) =>
                                tr('staff.list.roleChanged', {
                                  name: person.displayName,
                                  role: tr(`roles.${chosen}`),
                                }),
                            )
                          }
                        >
                          {t('staff.list.changeRole')}
                        </button>
                      </div>
                    ) : (
                      t(`roles.${person.role}`)
                    )}
                  </td>
                  <td>{t(`staff.status.${person.status}`)}</td>
                  <td>
                    {person.devices.length === 0 && (
                      <span className="muted">{t('staff.list.noDevices')}</span>
                    )}
                    <ul className="device-list">
                      {person.devices.map((device) => (
                        <li key={device.id} data-testid="device-row" aria-label={device.name}>
                          <span>{device.name}</span>{' '}
                          <span className={`device-status device-${device.status}`}>
                            {t(`staff.deviceStatus.${device.status}`)}
                          </span>
                          {device.lastSeenAt !== undefined && (
                            <span className="muted small">
                              {' '}
                              {t('staff.list.lastSeen', { time: new Date(device.lastSeenAt) })}
                            </span>
                          )}
                          <span className="fingerprint small">{device.fingerprint}</span>
                          {manage &&
                            reachable &&
                            device.id !== selfDeviceId &&
                            (device.status === 'active' || device.status === 'pending') && (
                              <button
                                type="button"
                                className="secondary small"
                                disabled={busy}
                                onClick={() =>
                                  setConfirming({ kind: 'device', id: device.id, name: device.name })
                                }
                              >
                                {t('staff.list.revokeDevice')}
                              </button>
                            )}
                        </li>
                      ))}
                    </ul>
                  </td>
                  {manage && (
                    <td>
                      {editable && (
                        <button
                          type="button"
                          className="danger"
                          disabled={busy}
                          onClick={() =>
                            setConfirming({ kind: 'staff', id: person.id, name: person.displayName })
                          }
                        >
                          {t('staff.list.revokeStaff')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
