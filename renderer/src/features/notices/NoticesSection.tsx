import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './notices.css';
import type { PrivacyNotice } from '../../../../shared/domain/privacy-notice';
import { FormSettingsProvider } from '../../components/form/index';
import { formatOffice } from './format';
import { useNoticeCommands, useNotices, useNow } from './notice-data';
import { NOTICE_FORM_LANGUAGES, noticesNewestFirst, noticeState } from './notice-form';
import { NoticeForm } from './NoticeForm';
import { EmptyState } from '../../components/EmptyState';

type Editing = { kind: 'new' } | { kind: 'edit'; notice: PrivacyNotice } | undefined;

/**
 * The versions of the privacy notice, a section of the admin's (DPO's) Organisation screen
 * (features/settings/OrganisationScreen.tsx): the list with each version's state, languages and hashes, its texts
 * to read, and a form to load a version or correct one that has not taken effect.
 */
export function NoticesSection() {
  const { t, i18n } = useTranslation();
  const notices = useNotices();
  const commands = useNoticeCommands();
  const now = useNow();
  const [editing, setEditing] = useState<Editing>();
  const [viewing, setViewing] = useState<{ notice: PrivacyNotice; language: string } | undefined>();
  const [deleting, setDeleting] = useState<PrivacyNotice | undefined>();
  // What the last action did, worded when shown (a language switch rewords it).
  const [message, setMessage] = useState<{ key: 'deleted' | 'saved'; version: string } | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const languageName = (language: string) =>
    (NOTICE_FORM_LANGUAGES as readonly string[]).includes(language)
      ? t(`notices.language.${language as (typeof NOTICE_FORM_LANGUAGES)[number]}`)
      : language;

  async function remove(notice: PrivacyNotice) {
    setDeleting(undefined);
    try {
      await commands.deleteNotice(notice.id);
      setFailure(undefined);
      setMessage({ key: 'deleted', version: notice.version });
    } catch (cause) {
      const code =
        typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : 'unknown';
      setFailure(code);
    }
  }

  const editable = (notice: PrivacyNotice) => notice.effectiveAt > now;
  const shown = notices ? noticesNewestFirst(notices) : [];
  return (
    <FormSettingsProvider errorPrefix="notices.errors" firstErrorOnly>
      <section aria-labelledby="notices-heading" className="notices-screen">
        <h3 id="notices-heading">{t('notices.heading')}</h3>
        <p className="muted">{t('notices.intro')}</p>
        <p className="muted">{t('notices.zone')}</p>
        <div role="status">
          {message && (
            <p className="record-saved">
              {message.key === 'deleted'
                ? t('notices.deleted', { version: message.version })
                : t('notices.form.saved', { version: message.version })}
            </p>
          )}
        </div>
        {failure && (
          <p role="alert" className="field-error">
            {failure === 'notice-effective'
              ? t('notices.errors.notice-effective')
              : t('notices.form.saveFailed', { code: failure })}
          </p>
        )}
        {editing === undefined && (
          <button
            type="button"
            onClick={() => {
              setMessage(undefined);
              setEditing({ kind: 'new' });
            }}
          >
            {t('notices.load')}
          </button>
        )}
        {editing && notices && (
          <NoticeForm
            key={editing.kind === 'edit' ? editing.notice.id : 'new'}
            notice={editing.kind === 'edit' ? editing.notice : undefined}
            others={notices.filter((other) => editing.kind === 'new' || other.id !== editing.notice.id)}
            now={now}
            onSave={async (values) => {
              if (editing.kind === 'edit') await commands.updateNotice(editing.notice.id, values);
              else await commands.addNotice(values);
            }}
            onDone={(version) => {
              setEditing(undefined);
              setMessage(version ? { key: 'saved', version } : undefined);
            }}
          />
        )}
        {notices === undefined && <p className="muted">{t('notices.loading')}</p>}
        {notices?.length === 0 && <EmptyState>{t('notices.none')}</EmptyState>}
        {shown.length > 0 && (
          <table className="notice-list data-table" aria-label={t('notices.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('notices.column.version')}</th>
                <th scope="col">{t('notices.column.state')}</th>
                <th scope="col">{t('notices.column.effective')}</th>
                <th scope="col">{t('notices.column.substantial')}</th>
                <th scope="col">{t('notices.column.texts')}</th>
                <th scope="col">{t('notices.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((notice) => {
                const state = noticeState(notice, shown, now);
                return (
                  <tr key={notice.id} data-testid={`notice-${notice.version}`}>
                    <th scope="row">
                      {notice.version}
                      <p className="muted notice-summary">{notice.summary}</p>
                    </th>
                    <td>
                      <span className={`notice-state ${state}`}>{t(`notices.state.${state}`)}</span>
                    </td>
                    <td>{formatOffice(notice.effectiveAt, i18n.language)}</td>
                    <td>
                      {notice.substantial && notice.renewalDeadline !== undefined
                        ? t('notices.substantialYes', {
                            deadline: formatOffice(notice.renewalDeadline, i18n.language),
                          })
                        : t('notices.substantialNo')}
                    </td>
                    <td>
                      <ul className="notice-texts-list">
                        {notice.texts.map((text) => (
                          <li key={text.language}>
                            <button
                              type="button"
                              className="link"
                              aria-label={t('notices.view', {
                                language: languageName(text.language),
                                version: notice.version,
                              })}
                              onClick={() => setViewing({ notice, language: text.language })}
                            >
                              {languageName(text.language)}
                            </button>{' '}
                            <code className="notice-hash-value">{text.sha256}</code>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {editable(notice) ? (
                        <div className="actions">
                          <button
                            type="button"
                            className="secondary"
                            onClick={() => {
                              setMessage(undefined);
                              setEditing({ kind: 'edit', notice });
                            }}
                          >
                            {t('notices.edit', { version: notice.version })}
                          </button>
                          <button type="button" className="secondary" onClick={() => setDeleting(notice)}>
                            {t('notices.delete', { version: notice.version })}
                          </button>
                        </div>
                      ) : (
                        <span className="muted">{t('notices.fixed')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {deleting && (
          <div role="alertdialog" aria-labelledby="notice-delete-question" className="panel">
            <p id="notice-delete-question">{t('notices.confirmDelete', { version: deleting.version })}</p>
            <div className="actions">
              <button type="button" onClick={() => void remove(deleting)}>
                {t('notices.confirmDeleteYes')}
              </button>
              <button type="button" className="secondary" onClick={() => setDeleting(undefined)}>
                {t('notices.keep')}
              </button>
            </div>
          </div>
        )}
        {viewing && (
          <NoticeTextView {...viewing} languageName={languageName} onClose={() => setViewing(undefined)} />
        )}
      </section>
    </FormSettingsProvider>
  );
}

function NoticeTextView({
  notice,
  language,
  languageName,
  onClose,
}: {
  notice: PrivacyNotice;
  language: string;
  languageName(language: string): string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const text = notice.texts.find((candidate) => candidate.language === language);
  if (!text) return null;
  return (
    <section className="notice-text-view panel" aria-labelledby="notice-text-heading">
      <h4 id="notice-text-heading">
        {t('notices.textHeading', { version: notice.version, language: languageName(language) })}
      </h4>
      <p className="muted">{t('notices.textHash', { hash: text.sha256 })}</p>
      <pre lang={language} className="notice-text" tabIndex={0} data-testid="notice-text">
        {text.text}
      </pre>
      <button type="button" className="secondary" onClick={onClose}>
        {t('notices.closeText')}
      </button>
    </section>
  );
}
