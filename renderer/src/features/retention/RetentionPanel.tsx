import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/form/index';
import {
  RETENTION_POLICIES,
  type RetentionDueEntry,
  type RetentionRule,
} from '../../../../shared/domain/retention';
import { useDueClientNames, useRetention } from './retention-data';
import './retention.css';
import { EmptyState } from '../../components/EmptyState';
import { formatDate } from '../../i18n/format';

/** The retention schedule (the admin): one rule per category, and what falls due under the active ones. */
export function RetentionPanel() {
  const { t } = useTranslation();
  const { rules, due, error, save } = useRetention();
  return (
    <section aria-labelledby="retention-heading" className="retention">
      <h2 id="retention-heading">{t('retention.heading')}</h2>
      <p className="muted">{t('retention.intro')}</p>
      {error && <p className="form-error">{t('retention.loadFailed', { reason: error })}</p>}
      {!rules && !error && <p className="muted">{t('retention.loading')}</p>}
      {rules && (
        <ul className="retention-rules" data-testid="retention-rules">
          {rules.map((rule) => (
            <RuleForm key={rule.category} rule={rule} onSave={save} />
          ))}
        </ul>
      )}
      {due && <DueList due={due} />}
    </section>
  );
}

function RuleForm({
  rule,
  onSave,
}: {
  rule: RetentionRule;
  onSave(category: RetentionRule['category'], request: { period: number; active: boolean }): Promise<void>;
}) {
  const { t } = useTranslation();
  const policy = RETENTION_POLICIES[rule.category];
  const [period, setPeriod] = useState(String(rule.period));
  const [active, setActive] = useState(rule.active);
  const [outcome, setOutcome] = useState<{ ok: boolean; reason?: string } | undefined>();
  const name = t(`retention.categories.${rule.category}`);
  const submit = () =>
    onSave(rule.category, { period: Number(period), active })
      .then(() => setOutcome({ ok: true }))
      .catch((e: unknown) =>
        setOutcome({ ok: false, reason: String((e as { reason?: string }).reason ?? e) }),
      );
  return (
    <li data-testid={`retention-rule-${rule.category}`}>
      <form
        aria-label={name}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h3>{name}</h3>
        {!policy.scope && <p className="muted">{t('retention.notActing')}</p>}
        <Field
          label={t('retention.period', { counts: t(`retention.counts.${rule.category}`) })}
          hint={t('retention.bounds', { min: policy.min, max: policy.max })}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={policy.min}
              max={policy.max}
              step={1}
              required
              value={period}
              onChange={(event) => setPeriod(event.target.value)}
            />
          )}
        </Field>
        <label className="retention-active">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
          {t('retention.active')}
        </label>
        <button type="submit" className="small">
          {t('retention.save')}
        </button>
        <span role="status">
          {outcome?.ok && t('retention.saved')}
          {outcome && !outcome.ok && (
            <span className="form-error">
              {t('retention.saveFailed', {
                reason: t(`retention.reasons.${outcome.reason}`, { defaultValue: outcome.reason }),
              })}
            </span>
          )}
        </span>
      </form>
    </li>
  );
}

function DueList({ due }: { due: readonly RetentionDueEntry[] }) {
  const { t, i18n } = useTranslation();
  const names = useDueClientNames(due.map((entry) => entry.clientId));
  const day = (ms: number) => formatDate(ms, i18n.language);
  return (
    <>
      <h3>{t('retention.dueHeading')}</h3>
      {due.length === 0 ? (
        <EmptyState>{t('retention.dueNone')}</EmptyState>
      ) : (
        <table className="erasure-table data-table" data-testid="retention-due">
          <thead>
            <tr>
              <th scope="col">{t('retention.columns.client')}</th>
              <th scope="col">{t('retention.columns.rule')}</th>
              <th scope="col">{t('retention.columns.what')}</th>
              <th scope="col">{t('retention.columns.since')}</th>
              <th scope="col">{t('retention.columns.when')}</th>
              <th scope="col">{t('retention.columns.state')}</th>
              <th scope="col">{t('retention.columns.hold')}</th>
            </tr>
          </thead>
          <tbody>
            {due.map((entry) => (
              <tr key={`${entry.clientId}-${entry.category}`}>
                <td>
                  {names.get(entry.clientId) ?? (
                    <>
                      <code>{entry.clientId}</code> ({t('retention.unknownClient')})
                    </>
                  )}
                </td>
                <td>{t(`retention.categories.${entry.category}`)}</td>
                <td>{t(`retention.what.${entry.scope}`)}</td>
                <td>{day(entry.anchorAt)}</td>
                <td>{day(entry.erasesAt)}</td>
                <td>{t(`retention.state.${entry.state}`)}</td>
                <td>
                  {entry.hold
                    ? t('retention.held', { reason: entry.hold.reason, date: day(entry.hold.appliedAt) })
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
