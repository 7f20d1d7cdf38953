import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../state/sync-status';
import { LedgerStop } from './LedgerStop';
import {
  changedFields,
  fieldLabelKey,
  titleOf,
  useParkedChanges,
  whyOf,
  type ParkedChange,
} from './parked-data';

/**
 * "Changes the server refused" (This device): each change the server refused for good, in plain words, with what
 * was changed, Copy (as readable text) and Discard. Shown only while there is any.
 */
export function ParkedChangesPanel() {
  const { t } = useTranslation();
  const { changes, discard } = useParkedChanges();
  const [copied, setCopied] = useState<{ key: string; ok: boolean } | undefined>();
  if (changes.length === 0) return null;

  // A field as the record's form names it ("Name in Latin script…"), not its path in the stored record.
  const labelOf = (change: ParkedChange, field: string) => {
    const key = fieldLabelKey(change.collection, field);
    return key ? t(key) : field;
  };
  const kindOf = (change: ParkedChange) =>
    t(`parked.kind.${change.collection}`, { defaultValue: t('parked.kind.other') });
  const textOf = (change: ParkedChange) =>
    [
      t('parked.item', { kind: kindOf(change), title: titleOf(change) }),
      t('parked.when', { time: new Date(change.parkedAt) }),
      t(`parked.why.${whyOf(change)}`),
      ...changedFields(change).map(
        (row) =>
          `${labelOf(change, row.field)}: ${t('parked.before')} “${row.before}” → ${t('parked.after')} “${row.after}”`,
      ),
    ].join('\n');
  async function copy(change: ParkedChange) {
    try {
      await navigator.clipboard.writeText(textOf(change));
      setCopied({ key: change.key, ok: true });
    } catch {
      setCopied({ key: change.key, ok: false });
    }
  }

  return (
    <section aria-labelledby="parked-heading" className="panel" data-testid="parked-changes">
      <h3 id="parked-heading">{t('parked.heading')}</h3>
      <p className="muted">{t('parked.intro')}</p>
      <ul className="parked-list">
        {changes.map((change) => {
          const title = titleOf(change);
          const fields = changedFields(change);
          return (
            <li key={change.key} data-testid="parked-change">
              <h4>{t('parked.item', { kind: kindOf(change), title })}</h4>
              <p>{t(`parked.why.${whyOf(change)}`)}</p>
              {change.kept && <LedgerStop change={change} />}
              <p className="muted">{t('parked.when', { time: new Date(change.parkedAt) })}</p>
              {fields.length > 0 && (
                <table>
                  <caption>{t('parked.changed')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('parked.field')}</th>
                      <th scope="col">{t('parked.before')}</th>
                      <th scope="col">{t('parked.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((row) => (
                      <tr key={row.field}>
                        <th scope="row">{labelOf(change, row.field)}</th>
                        <td>{row.before}</td>
                        <td>{row.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <div className="actions">
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('parked.copyNamed', { title })}
                  onClick={() => void copy(change)}
                >
                  {t('parked.copy')}
                </button>
                {!change.kept && (
                  <button
                    type="button"
                    aria-label={t('parked.discardNamed', { title })}
                    onClick={() => discard(change.key)}
                  >
                    {t('parked.discard')}
                  </button>
                )}
              </div>
              {copied?.key === change.key && (
                <p role="status" className={copied.ok ? 'muted' : 'field-error'}>
                  {copied.ok ? t('parked.copied') : t('parked.copyFailed')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The header's notice while any change is parked: how many, and a way to the panel. Compact like the sync status
 * (a short word and a count on screen, so the header stays on one row in Japanese too: review23-s7 B1); the whole
 * sentence, which begins with the short text, is the button's name and its title.
 */
export function ParkedNotice({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation();
  const count = useSyncStatus((status) => status.parked);
  if (count === 0) return null;
  const full = t('parked.notice', { count });
  return (
    <button
      type="button"
      className="sync-error parked-notice"
      data-testid="parked-notice"
      title={full}
      onClick={onOpen}
    >
      <span aria-hidden="true">{t('parked.noticeShort', { count })}</span>
      <span className="visually-hidden">{full}</span>
    </button>
  );
}
