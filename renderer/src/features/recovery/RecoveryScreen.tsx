import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreResult } from '../../core/medical/index';
import { MedicalError } from '../medical/medical-data';
import {
  recipientsOf,
  useDirectoryEntries,
  useRecoveryFingerprint,
  useRestore,
  useSectionsToRecover,
  type SectionToRecover,
} from './recovery-data';
import { EmptyState } from '../../components/EmptyState';
import './recovery.css';

export { seesRecovery } from './recovery-data';

type Message = { error: boolean; text: string };

/**
 * The Recovery screen (issue 19, item 1): the medical sections no one in use can open or grant, the people to give
 * access to, and the recovery key typed from the printed sheet. A screen of its own rather than a panel of the
 * client record: the DPO sees every stranded section at once and restores one or all with one typing of the sheet.
 * The key's field is not React state: it is read once on submit and emptied at once (the core wipes the key bytes).
 */
export function RecoveryScreen() {
  const { t } = useTranslation();
  const entries = useDirectoryEntries();
  const sections = useSectionsToRecover(entries);
  const fingerprint = useRecoveryFingerprint();
  const restore = useRestore();
  const recipients = recipientsOf(entries);
  const [chosenClients, setChosenClients] = useState<ReadonlySet<string>>(new Set());
  const [chosenStaff, setChosenStaff] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<Message | undefined>();
  const [codeProblem, setCodeProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const codeId = useId();
  const recoverable = (sections ?? []).filter((s) => s.recoverable);
  const names = new Map(entries.map((entry) => [entry.staffId, entry.displayName]));
  const clientName = (id: string) => sections?.find((s) => s.clientId === id)?.name ?? id;

  const toggle = (set: ReadonlySet<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  const reasonOf = (section: SectionToRecover) =>
    t(`keyRecovery.reasons.${section.reason}`, {
      names: section.holders.map((id) => names.get(id) ?? id).join(', '),
    });

  const outcome = (result: RestoreResult & { ok: true }): Message => {
    const failed = result.failed.map((f) =>
      t('keyRecovery.failedClient', {
        name: clientName(f.clientId),
        reason: t(`keyRecovery.failReasons.${f.reason}`, {
          defaultValue: t('keyRecovery.failReasons.other'),
        }),
      }),
    );
    const who = [...new Set(result.restored.flatMap((r) => r.staffIds))].map((id) => names.get(id) ?? id);
    const parts = [
      result.restored.length > 0
        ? t('keyRecovery.restored', { count: result.restored.length, names: who.join(', ') })
        : failed.length === 0
          ? t('keyRecovery.nothingNew')
          : '',
      failed.length > 0 ? t('keyRecovery.failed', { clients: failed.join(', ') }) : '',
    ].filter(Boolean);
    return { error: result.restored.length === 0 && failed.length > 0, text: parts.join(' ') };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = codeRef.current;
    const code = input?.value ?? '';
    if (input) input.value = '';
    setMessage(undefined);
    setCodeProblem(undefined);
    const clientIds = [...chosenClients].filter((id) => recoverable.some((s) => s.clientId === id));
    if (clientIds.length === 0) return setMessage({ error: true, text: t('keyRecovery.chooseSections') });
    if (chosenStaff.size === 0) return setMessage({ error: true, text: t('keyRecovery.chooseStaff') });
    if (!restore) return;
    setBusy(true);
    try {
      const result = await restore({ code, clientIds, staffIds: [...chosenStaff] });
      if (!result.ok) {
        setCodeProblem(
          t(`keyRecovery.problems.${result.problem}`, {
            fingerprint: result.fingerprint ?? '',
            expected: fingerprint ?? '',
          }),
        );
        input?.focus();
        return;
      }
      setMessage(outcome(result));
      setChosenClients(new Set());
    } catch (error) {
      const reason = error instanceof MedicalError ? error.reason : undefined;
      setMessage({
        error: true,
        text: t(`keyRecovery.errors.${reason ?? 'other'}`, {
          code: error instanceof Error ? error.name : 'error',
          defaultValue: t('keyRecovery.errors.other', { code: reason ?? 'error' }),
        }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="recovery-heading" className="recovery-screen">
      <h2 id="recovery-heading">{t('keyRecovery.heading')}</h2>
      <p className="muted">{t('keyRecovery.intro')}</p>
      {fingerprint && (
        <p className="muted small" data-testid="recovery-fingerprint-expected">
          {t('keyRecovery.fingerprintNote', { fingerprint })}
        </p>
      )}
      <form className="panel recovery-form" onSubmit={(event) => void submit(event)} noValidate>
        <fieldset>
          <legend>{t('keyRecovery.sectionsLegend')}</legend>
          {sections === undefined && <p className="muted">{t('keyRecovery.loading')}</p>}
          {sections?.length === 0 && <EmptyState>{t('keyRecovery.none')}</EmptyState>}
          {recoverable.length > 1 && (
            <label className="recovery-choice recovery-select-all">
              <input
                type="checkbox"
                checked={recoverable.every((s) => chosenClients.has(s.clientId))}
                onChange={(event) =>
                  setChosenClients(new Set(event.target.checked ? recoverable.map((s) => s.clientId) : []))
                }
              />
              {t('keyRecovery.selectAll', { count: recoverable.length })}
            </label>
          )}
          {sections && sections.length > 0 && (
            <ul className="recovery-list" data-testid="sections-to-recover">
              {sections.map((section) => (
                <li key={section.clientId}>
                  <label className="recovery-choice">
                    <input
                      type="checkbox"
                      disabled={!section.recoverable}
                      checked={chosenClients.has(section.clientId)}
                      onChange={(event) =>
                        setChosenClients(toggle(chosenClients, section.clientId, event.target.checked))
                      }
                    />
                    <span>
                      {section.name} <span className="muted">— {reasonOf(section)}</span>
                    </span>
                  </label>
                  {!section.recoverable && <p className="muted small">{t('keyRecovery.notRecoverable')}</p>}
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('keyRecovery.staffLegend')}</legend>
          <p className="muted small">{t('keyRecovery.staffHint')}</p>
          {recipients.length === 0 && <EmptyState>{t('keyRecovery.noStaff')}</EmptyState>}
          <ul className="recovery-list">
            {recipients.map((entry) => (
              <li key={entry.staffId}>
                <label className="recovery-choice">
                  <input
                    type="checkbox"
                    checked={chosenStaff.has(entry.staffId)}
                    onChange={(event) =>
                      setChosenStaff(toggle(chosenStaff, entry.staffId, event.target.checked))
                    }
                  />
                  {t('keyRecovery.staffOption', {
                    name: entry.displayName,
                    role: t(`roles.${entry.role}`),
                  })}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="form-field">
          <label htmlFor={codeId}>{t('keyRecovery.codeLabel')}</label>
          <input
            id={codeId}
            ref={codeRef}
            className="code-input recovery-code"
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`${codeId}-hint${codeProblem ? ` ${codeId}-error` : ''}`}
            {...(codeProblem ? { 'aria-invalid': true } : {})}
          />
          <p id={`${codeId}-hint`} className="muted hint">
            {t('keyRecovery.codeHint')}
          </p>
          {codeProblem && (
            <p id={`${codeId}-error`} className="field-error" role="alert">
              {codeProblem}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" disabled={busy || !restore}>
            {busy ? t('keyRecovery.restoring') : t('keyRecovery.restore')}
          </button>
        </div>
        {message && (
          <p
            className={message.error ? 'field-error' : 'notice'}
            role={message.error ? 'alert' : 'status'}
            data-testid="recovery-outcome"
          >
            {message.text}
          </p>
        )}
        <p className="muted small">{t('keyRecovery.audited')}</p>
      </form>
    </section>
  );
}
