import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_EVENT_KINDS } from '../../../../shared/domain/audit';
import {
  AUDIT_ENTRIES_OFFSET_MAX,
  AUDIT_ENTRIES_PAGE,
  type AuditEntriesQuery,
} from '../../../../shared/domain/audit-api';
import type { Client } from '../../../../shared/domain/client';
import type { StaffView } from '../../../../shared/index';
import { download, useAuditCommands, useAuditEntriesPage, useAuditRole } from './audit-data';
import type { WitnessedVerification } from './audit-witness';
import type { Namer } from './names';
import { formatDateTime } from '../../i18n/format';
import { DateField } from '../../components/form';

interface Filters {
  client: string;
  staff: string;
  device: string;
  action: string;
  from: string;
  to: string;
}
const NO_FILTER: Filters = { client: '', staff: '', device: '', action: '', from: '', to: '' };
const dayStart = (date: string) => new Date(`${date}T00:00:00`).getTime();

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The filters as the server's query (GET /audit/entries); a day's period in this device's time zone. */
function queryOf(filters: Filters): AuditEntriesQuery {
  const from = filters.from ? dayStart(filters.from) : undefined;
  const to = filters.to ? dayStart(filters.to) + 86_400_000 : undefined;
  return {
    ...(filters.client ? { client: filters.client } : {}),
    ...(filters.staff ? { staff: filters.staff } : {}),
    ...(filters.device ? { device: filters.device } : {}),
    ...(filters.action ? { action: filters.action as AuditEntriesQuery['action'] } : {}),
    ...(from !== undefined && Number.isFinite(from) ? { from } : {}),
    ...(to !== undefined && Number.isFinite(to) ? { to } : {}),
  };
}

/**
 * The log with filters (client, staff member, device, action, period), its export, and the verifier. The server
 * filters the whole log and answers a page at a time with how many entries matched (server/audit/entries.ts), so
 * any question is answered over a log of any size; the person pages through the matches.
 */
export function AuditLogView({
  names,
  staff,
  clients,
}: {
  names: Namer;
  staff: readonly StaffView[];
  clients: ReadonlyMap<string, Client>;
}) {
  const { t, i18n } = useTranslation();
  const commands = useAuditCommands();
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const [page, setPage] = useState(0);
  const query = useMemo(() => queryOf(filters), [filters]);
  const result = useAuditEntriesPage({
    ...query,
    offset: page * AUDIT_ENTRIES_PAGE,
    limit: AUDIT_ENTRIES_PAGE,
  });
  const shown = result.data?.entries ?? [];
  const total = result.data?.total ?? 0;
  // A page starts at most AUDIT_ENTRIES_OFFSET_MAX deep (the server refuses deeper): older matches by narrower filters.
  const reachable = Math.min(total, AUDIT_ENTRIES_OFFSET_MAX + AUDIT_ENTRIES_PAGE);
  const pages = Math.max(1, Math.ceil(reachable / AUDIT_ENTRIES_PAGE));
  const [verification, setVerification] = useState<WitnessedVerification | 'running' | { error: string }>();
  const { manages } = useAuditRole();
  const [checkpoint, setCheckpoint] = useState<{ text: string; error: boolean }>();
  const byName = (ids: Iterable<string>, name: (id: string) => string) =>
    [...new Set(ids)].sort((a, b) => name(a).localeCompare(name(b)));
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: event.target.value }));
    setPage(0);
  };
  const select = (key: keyof Filters, options: string[], label: (v: string) => string) => (
    <span className="filter">
      <label htmlFor={`audit-filter-${key}`}>{t(`audit.filters.${key}`)}</label>
      <select id={`audit-filter-${key}`} value={filters[key]} onChange={set(key)}>
        <option value="">{t('audit.filters.any')}</option>
        {options.map((v) => (
          <option key={v} value={v}>
            {label(v)}
          </option>
        ))}
      </select>
    </span>
  );

  async function exportAs(format: 'json' | 'csv') {
    await commands.log({ kind: 'exported', fields: [`audit-log-${format}`] });
    if (format === 'json') {
      // The whole log, not the filtered view: a verifiable export must hold every link (exportScope says so).
      const log = await commands.exportLog();
      download('access-log.json', 'application/json', JSON.stringify(log, null, 2));
      return;
    }
    const header = ['at', 'receivedAt', 'staff', 'device', 'kind', 'client', 'fields', 'target', 'seq'];
    const rows = (await commands.matching(query)).map(({ entry: e, receivedAt }) =>
      [
        new Date(e.at).toISOString(),
        receivedAt !== undefined ? new Date(receivedAt).toISOString() : '',
        names.person(e.staffId),
        names.device(e.deviceId),
        e.kind,
        e.clientId ?? '',
        e.fields.join(' '),
        e.target ?? '',
        String(e.seq),
      ]
        .map(csvCell)
        .join(','),
    );
    download('access-log.csv', 'text/csv', [header.join(','), ...rows].join('\n'));
  }

  async function checkpointNow() {
    try {
      const made = await commands.checkpointNow();
      setCheckpoint({
        text: t('audit.checkpointMade', { id: made.id, devices: made.heads.length }),
        error: false,
      });
    } catch (cause) {
      setCheckpoint({
        text: t('audit.failed', { message: cause instanceof Error ? cause.message : String(cause) }),
        error: true,
      });
    }
  }

  async function verify() {
    setVerification('running');
    try {
      setVerification(await commands.verify());
    } catch (cause) {
      setVerification({ error: cause instanceof Error ? cause.message : String(cause) });
    }
  }

  return (
    <div className="audit-log">
      <fieldset className="filters">
        <legend>{t('audit.filters.label')}</legend>
        {select('client', byName(clients.keys(), names.client), (v) => names.client(v))}
        {select(
          'staff',
          byName(
            staff.map((s) => s.id),
            names.person,
          ),
          (v) => names.person(v),
        )}
        {select(
          'device',
          byName(
            staff.flatMap((s) => (s.devices ?? []).map((d) => d.id)),
            names.device,
          ),
          (v) => names.device(v),
        )}
        {select('action', [...AUDIT_EVENT_KINDS], (v) => t(`audit.kind.${v}`))}
        <DateField
          id="audit-filter-from"
          label={t('audit.filters.from')}
          value={filters.from}
          onChange={set('from')}
        />
        <DateField
          id="audit-filter-to"
          label={t('audit.filters.to')}
          value={filters.to}
          onChange={set('to')}
        />
      </fieldset>
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => void exportAs('json')}>
          {t('audit.exportJson')}
        </button>
        <button type="button" className="secondary small" onClick={() => void exportAs('csv')}>
          {t('audit.exportCsv')}
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void verify()}
          disabled={verification === 'running'}
        >
          {verification === 'running' ? t('audit.verifying') : t('audit.verify')}
        </button>
        {manages && (
          <button type="button" className="secondary small" onClick={() => void checkpointNow()}>
            {t('audit.checkpointNow')}
          </button>
        )}
      </div>
      <p className="muted" data-testid="audit-export-scope">
        {t('auditLedger.exportScope.json')} {t('auditLedger.exportScope.csv', { count: total })}
      </p>
      {checkpoint && (
        <p role="status" className={checkpoint.error ? 'error' : 'success'} data-testid="checkpoint-made">
          {checkpoint.text}
        </p>
      )}
      {verification !== undefined && verification !== 'running' && (
        <p role="status" className={'error' in verification || !verification.ok ? 'error' : 'success'}>
          {'error' in verification
            ? t('audit.failed', { message: verification.error })
            : verification.ok
              ? t('audit.verified', {
                  chained: verification.chained,
                  devices: verification.devices,
                  legacy: verification.legacy,
                  checkpoints: verification.checkpointsChecked,
                })
              : t('audit.broken', {
                  problem: verification.broken!.problem,
                  seq: verification.broken!.seq ?? '—',
                  device: names.device(verification.broken!.deviceId),
                })}
        </p>
      )}
      {verification !== undefined && verification !== 'running' && !('error' in verification) && (
        <WitnessLine verification={verification} names={names} />
      )}
      {result.error !== undefined && (
        <p className="error">
          {t('audit.failed', {
            message: result.error instanceof Error ? result.error.message : String(result.error),
          })}
        </p>
      )}
      <p className="muted" role="status" data-testid="audit-matched">
        {result.data === undefined ? t('audit.loading') : t('auditLedger.paging.matched', { count: total })}
      </p>
      <Pager page={page} pages={pages} onPage={setPage} />
      {reachable < total && (
        <p className="muted" data-testid="audit-deeper">
          {t('auditLedger.paging.deeper', { count: reachable })}
        </p>
      )}
      <table className="audit-table data-table" data-testid="audit-log">
        <thead>
          <tr>
            <th scope="col">{t('audit.column.when')}</th>
            <th scope="col">{t('audit.column.received')}</th>
            <th scope="col">{t('audit.column.who')}</th>
            <th scope="col">{t('audit.column.device')}</th>
            <th scope="col">{t('audit.column.action')}</th>
            <th scope="col">{t('audit.column.client')}</th>
            <th scope="col">{t('audit.column.fields')}</th>
            <th scope="col">{t('audit.column.chain')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ entry: e, receivedAt }) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at, i18n.language)}</td>
              <td>
                {receivedAt !== undefined
                  ? formatDateTime(receivedAt, i18n.language)
                  : t('audit.notReceived')}
              </td>
              <td>{names.person(e.staffId)}</td>
              <td>{names.device(e.deviceId)}</td>
              <td>{t(`audit.kind.${e.kind}`)}</td>
              <td>{names.client(e.clientId)}</td>
              <td>{e.fields.join(', ')}</td>
              <td>{e.legacy ? t('audit.legacy') : `#${e.seq}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && <Pager page={page} pages={pages} onPage={setPage} />}
    </div>
  );
}

/** Previous and next page of the matches, and where the person is. */
function Pager({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const { t } = useTranslation();
  return (
    <nav className="actions" aria-label={t('auditLedger.paging.label')}>
      <button
        type="button"
        className="secondary small"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        {t('auditLedger.paging.previous')}
      </button>
      <span className="muted">{t('auditLedger.paging.page', { page: page + 1, pages })}</span>
      <button
        type="button"
        className="secondary small"
        disabled={page + 1 >= pages}
        onClick={() => onPage(page + 1)}
      >
        {t('auditLedger.paging.next')}
      </button>
    </nav>
  );
}

/** What the verification says of the console's own witness: held to it, cut before it, or the first kept. */
function WitnessLine({ verification, names }: { verification: WitnessedVerification; names: Namer }) {
  const { t, i18n } = useTranslation();
  const { witness, broken } = verification;
  const kept = witness && {
    id: witness.checkpoint.id,
    when: formatDateTime(witness.at, i18n.language),
    entries: witness.entries,
  };
  const beyond = verification.heldBeyond?.[0];
  let text: string;
  if (beyond)
    text = t('auditLedger.witness.beyond', {
      device: names.device(beyond.deviceId),
      held: beyond.heldSeq,
      end: beyond.endSeq,
    });
  else if (broken?.problem === 'witness' && kept) text = t('auditLedger.witness.cut', kept);
  else if (broken?.problem === 'checkpoint-gap')
    text = t('auditLedger.witness.gap', { id: broken.checkpointId ?? '—' });
  else if (!verification.ok) return null;
  else text = kept ? t('auditLedger.witness.held', kept) : t('auditLedger.witness.first');
  return (
    <>
      {verification.witnessAltered && <p className="error">{t('auditLedger.witness.altered')}</p>}
      <p className={verification.ok ? 'muted' : 'error'} data-testid="audit-witness">
        {text}
        {verification.kept && (
          <>
            {' '}
            {t('auditLedger.witness.note')}{' '}
            <code>{`${verification.kept.checkpoint.id}:${verification.kept.checkpoint.digest}`}</code>
          </>
        )}
      </p>
    </>
  );
}
