import './conflicts.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DELETED_PATH,
  competingValues,
  conflictValueKey,
  pathKey,
  valueAtPath,
  type Client,
  type ConflictValue,
  type FieldConflict,
} from '../../../../shared/index';
import { useConflictCommands } from './conflict-data';
import { fieldLabel, valueLabel } from './conflict-labels';

/**
 * Every open conflict of one client, each field's competing values side by side. Choosing one writes the
 * resolution to the local store, which syncs it: the conflict closes on every device.
 */
export function ConflictResolver({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { chooseClientValue } = useConflictCommands();
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function choose(conflict: FieldConflict, entry: ConflictValue) {
    setSaving(true);
    try {
      const chosen = await chooseClientValue(client.id, conflict, entry);
      setError(chosen.ok ? undefined : t('conflicts.failed', { code: chosen.code }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="conflict-resolver" aria-label={t('conflicts.heading', { name: client.names.latin })}>
      <h3>{t('conflicts.heading', { name: client.names.latin })}</h3>
      <p className="muted">{t('conflicts.intro')}</p>
      {(client.conflicts ?? []).map((conflict) => {
        const field = fieldLabel(t, conflict.path);
        const values = competingValues(client, conflict);
        const currentKey = conflictValueKey(
          pathKey(conflict.path) === pathKey(DELETED_PATH) ? false : valueAtPath(client, conflict.path),
        );
        return (
          <fieldset key={pathKey(conflict.path)} className="conflict-field">
            <legend>{t('conflicts.fieldHeading', { field, count: values.length })}</legend>
            <ul className="conflict-values" aria-label={field}>
              {values.map((entry) => {
                const label = valueLabel(t, conflict.path, entry);
                const current = conflictValueKey(entry.value) === currentKey;
                return (
                  <li
                    key={conflictValueKey(entry.value)}
                    className={current ? 'conflict-value current' : 'conflict-value'}
                  >
                    <span className="conflict-value-text">{label}</span>
                    {current && <span className="conflict-current">{t('conflicts.current')}</span>}
                    {entry.at !== undefined && (
                      <span className="muted conflict-at">
                        {t('conflicts.changedAt', { time: new Date(entry.at) })}
                      </span>
                    )}
                    <button
                      type="button"
                      disabled={saving}
                      aria-label={t('conflicts.chooseValue', { value: label, field })}
                      onClick={() => void choose(conflict, entry)}
                    >
                      {t('conflicts.choose')}
                    </button>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
