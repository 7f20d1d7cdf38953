import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, writeScope } from '../../../../shared/auth/roles';
import { CryptoError } from '../../../../shared/crypto/index';
import { canWriteMedical, renewalNeed } from '../../../../shared/domain/consent-ledger';
import { emptyMedicalContent, type MedicalContent } from '../../../../shared/domain/medical';
import type { Client } from '../../../../shared/index';
import { FormSettingsProvider } from '../../components/form/index';
import { useSession } from '../../session/index';
import { describeStoreError } from '../../store/describe-store-error';
import { useConsentRecords, useStaffEntries } from '../consents/consent-data';
import { RecordConsentForm } from '../consents/RecordConsentForm';
import { AskMedicalAccess } from './AskMedicalAccess';
import { MedicalAccessList } from './MedicalAccessList';
import { useMedicalAccessCommands, useMedicalAccessRequests } from './medical-access-requests';
import {
  medicalCommands,
  MedicalError,
  useClientMedical,
  useDirectoryEntries,
  useMedicalAccess,
  useMedicalContext,
  type DirectoryEntry,
} from './medical-data';
import { MedicalForm } from './MedicalForm';
import './medical.css';
import { EmptyState } from '../../components/EmptyState';

/** Worded at render time, so a notice follows a language switch. */
type Notice = { text: (t: TFunction) => string; error: boolean } | undefined;

export function describeMedicalFailure(t: TFunction, cause: unknown): string {
  if (cause instanceof MedicalError) return t(`medical.failures.${cause.reason}`);
  if (cause instanceof CryptoError && cause.code === 'wrong-key') return t('medical.failures.wrongKey');
  if (cause instanceof CryptoError) return t('medical.failures.crypto', { code: cause.code });
  // RxDB's and others' messages may carry document content: show only a code.
  return t('medical.failures.other', { code: describeStoreError(cause) });
}

/** How the medical forms word their errors: the first per field, as an alert, beside it. */
const KNOWN_ERRORS = new Set([
  'required',
  'too-long',
  'too-many',
  'invalid-format',
  'invalid-date',
  'date-in-future',
  'unknown-option',
]);

/**
 * The client's sealed medical section: the consent gate, the content for a device holding the client's key (opened
 * on request, every opening audited), "exists, sealed; who can grant" for everyone else, and grants and revocations
 * for roles that may grant medical access.
 */
export function MedicalPanel({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { identity } = useSession();
  const ctx = useMedicalContext();
  const records = useClientMedical(client.id);
  const ledger = useConsentRecords(client.id);
  const staff = useStaffEntries();
  const entries = useDirectoryEntries();
  const [opened, setOpened] = useState<{ content: MedicalContent; version: number } | undefined>();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [recordingConsent, setRecordingConsent] = useState(false);
  const { holdsKey, holders, granters } = useMedicalAccess(ctx, records, entries);
  const accessRequests = useMedicalAccessRequests();
  const accessCommands = useMedicalAccessCommands();
  // Who asked for access to this client's section (staff id → request id), for those who may grant.
  const asking = new Map(
    (accessRequests.list ?? [])
      .filter((request) => request.clientId === client.id && request.status === 'open')
      .map((request) => [request.askedBy, request.id]),
  );
  const { role, staffId } = identity;

  // Access lost (revoked, rotated without this device) or the section went away: forget what was shown.
  useEffect(() => {
    if (opened && !holdsKey) setOpened(undefined);
  }, [opened, holdsKey]);

  if (ctx === undefined || records === undefined || ledger.loading)
    return <p className="muted">{t('medical.loading')}</p>;

  // The gate reads the ledger's records this device trusts (signature verified, or legacy) and the notices.
  const now = Date.now();
  const consentCheck = canWriteMedical(ledger.trusted, records.notices, client.id, now);
  const consent = consentCheck.ok ? consentCheck.consent : undefined;
  const renewal = consent ? renewalNeed(consent, records.notices, now) : undefined;
  const mayWrite = writeScope(role, 'medical') !== 'none';
  const mayRecordConsent = writeScope(role, 'consents') !== 'none';
  const mayGrant = can(role, 'grantMedicalAccess');
  const nameOf = (id: string) => entries.find((e) => e.staffId === id)?.displayName ?? id;
  const commands = medicalCommands(ctx, client);

  async function act(action: () => Promise<unknown>, done?: (t: TFunction) => string) {
    setBusy(true);
    setNotice(undefined);
    try {
      await action();
      if (done) setNotice({ text: done, error: false });
    } catch (cause) {
      setNotice({ text: (tr) => describeMedicalFailure(tr, cause), error: true });
    } finally {
      setBusy(false);
    }
  }

  const show = () =>
    act(async () => {
      setOpened({ content: await commands.open(), version: Date.now() });
    });

  const save = (content: MedicalContent) =>
    act(
      async () => {
        await commands.save(content, opened?.content);
        setOpened({ content, version: Date.now() });
        setCreating(false);
      },
      (tr) => tr('medical.saved'),
    );

  const grantTo = (entry: DirectoryEntry) =>
    act(
      async () => {
        await commands.grant(entry.staffId);
        // The grant syncs on its own; the request is closed when the server is reachable (else it stays listed).
        const asked = asking.get(entry.staffId);
        if (asked) await accessCommands.close(asked, 'granted').then(accessRequests.reload, () => undefined);
      },
      (tr) => tr('medical.access.granted', { name: entry.displayName }),
    );
  const declineFor = (entry: DirectoryEntry) =>
    act(
      async () => {
        await accessCommands.close(asking.get(entry.staffId)!, 'declined');
        accessRequests.reload();
      },
      (tr) => tr('medical.ask.declined', { name: entry.displayName }),
    );
  const revokeFrom = (entry: DirectoryEntry) =>
    act(async () => {
      const outcome = await commands.revoke(entry.staffId);
      setNotice({
        text: (tr) =>
          tr(outcome === 'wraps-removed' ? 'medical.access.revokedKeyKept' : 'medical.access.revoked', {
            name: entry.displayName,
          }),
        error: false,
      });
    });

  return (
    <FormSettingsProvider
      errorPrefix="medical.errors"
      knownCodes={KNOWN_ERRORS}
      fallbackCode="other"
      firstErrorOnly
      alertErrors
      classes={{ error: 'field-error small', hint: 'muted small hint' }}
    >
      <section className="medical-panel" aria-labelledby="medical-heading" data-client-id={client.id}>
        <h3 id="medical-heading">{t('medical.sectionHeading')}</h3>
        {notice && (
          <p
            className={notice.error ? 'field-error' : 'notice'}
            role={notice.error ? 'alert' : 'status'}
            data-testid="medical-notice"
          >
            {notice.text(t)}
          </p>
        )}

        <div className="medical-consent" data-testid="medical-consent">
          {consent ? (
            <>
              <p>
                {t('medical.consent.inForce', {
                  version: consent.noticeVersion,
                  method: t(`consents.methods.${consent.method}`),
                  time: new Date(consent.at),
                  name: nameOf(consent.recordedBy),
                })}
              </p>
              {renewal && (
                <p className="field-error" data-testid="medical-renewal">
                  {t('medical.consent.renewalDue', {
                    version: renewal.notice.version,
                    deadline: new Date(renewal.deadline),
                  })}
                </p>
              )}
            </>
          ) : (
            <>
              <p className={consentCheck.ok ? 'muted' : 'field-error'} data-testid="medical-gate">
                {!consentCheck.ok &&
                  t(`medical.consent.gate.${consentCheck.reason}`, {
                    version: consentCheck.renewal?.notice.version ?? '',
                    deadline: new Date(consentCheck.renewal?.deadline ?? now),
                  })}
              </p>
              {mayRecordConsent && !recordingConsent && (
                <button type="button" onClick={() => setRecordingConsent(true)}>
                  {t('medical.consent.record')}
                </button>
              )}
              {mayRecordConsent && recordingConsent && (
                <RecordConsentForm
                  client={client}
                  notices={records.notices}
                  staff={staff}
                  purpose="medical-data"
                  onDone={() => {
                    setRecordingConsent(false);
                    setNotice({ text: (tr) => tr('medical.consent.recorded'), error: false });
                  }}
                  onCancel={() => setRecordingConsent(false)}
                />
              )}
            </>
          )}
          <p className="muted small">{t('medical.consent.seeConsents')}</p>
        </div>

        <div className="medical-content" data-testid="medical-state">
          {records.section === undefined ? (
            creating ? (
              <MedicalForm
                initial={emptyMedicalContent()}
                busy={busy}
                onSave={save}
                onCancel={() => setCreating(false)}
              />
            ) : (
              <>
                <EmptyState>{t('medical.none')}</EmptyState>
                {!mayWrite && <p className="muted">{t('medical.readOnly')}</p>}
                {mayWrite && consent && (
                  <button type="button" onClick={() => setCreating(true)}>
                    {t('medical.write')}
                  </button>
                )}
              </>
            )
          ) : holdsKey ? (
            opened ? (
              <MedicalForm
                key={opened.version}
                initial={opened.content}
                busy={busy}
                locked={!mayWrite || !consent}
                onSave={save}
                onCancel={() => setOpened(undefined)}
                cancelLabel={t('medical.hide')}
              />
            ) : (
              <>
                <p className="muted small">{t('medical.auditNotice')}</p>
                <button type="button" onClick={show} disabled={busy}>
                  {busy ? t('medical.opening') : t('medical.show')}
                </button>
              </>
            )
          ) : (
            <>
              <p>{t('medical.sealed')}</p>
              <p className="muted">{t('medical.noAccess')}</p>
              <h4 id="medical-granters">{t('medical.whoCanGrant')}</h4>
              {granters.length === 0 ? (
                <p className="muted">{t('medical.nobodyCanGrant')}</p>
              ) : (
                <ul aria-labelledby="medical-granters">
                  {granters.map((member) => (
                    <li key={member.id}>
                      {member.displayName} <span className="muted small">{t(`roles.${member.role}`)}</span>
                    </li>
                  ))}
                </ul>
              )}
              <AskMedicalAccess
                clientId={client.id}
                requests={accessRequests.list}
                onChanged={accessRequests.reload}
              />
            </>
          )}
        </div>

        {mayGrant && records.section !== undefined && (
          <MedicalAccessList
            entries={entries}
            holders={holders}
            selfId={staffId}
            assignedStaffIds={client.assignedStaffIds}
            holdsKey={holdsKey}
            busy={busy}
            onGrant={(entry) => void grantTo(entry)}
            onRevoke={(entry) => void revokeFrom(entry)}
            asking={asking}
            onDecline={(entry) => void declineFor(entry)}
          />
        )}
      </section>
    </FormSettingsProvider>
  );
}
