import { useTranslation } from 'react-i18next';
import { saveLeftSomething, type SaveSummary } from './record-save';
import type { RecordSectionName } from './sections/RecordSection';

interface Props {
  /** How many sections hold unsaved changes. */
  unsaved: number;
  saving: boolean;
  /** How the last save went; 'nothing' when there was nothing to save. */
  last: SaveSummary<RecordSectionName> | 'nothing' | undefined;
}

/** Whether the keyboard names Cmd (a Mac) rather than Ctrl. */
const onMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The profile's one Save, in a bar that stays at the bottom of the view while the record scrolls: how many sections
 * hold unsaved changes, the keyboard shortcut, and how the last save went (the sections saved; those left unsaved,
 * by why, as an alert, their fields marked in the section).
 */
export function RecordSaveBar({ unsaved, saving, last }: Props) {
  const { t } = useTranslation();
  const list = (sections: RecordSectionName[]) =>
    sections.map((section) => t(`clientRecord.sections.${section}`)).join(t('clientRecord.bar.separator'));
  const summary = typeof last === 'object' ? last : undefined;
  const problems = summary && saveLeftSomething(summary);
  return (
    <div className="record-save-bar" role="group" aria-label={t('clientRecord.bar.label')}>
      <div className="record-save-state">
        <p
          role="status"
          data-testid="record-unsaved"
          // "Saved." clears itself (a new text is a new paragraph, shown again).
          key={saving ? 'saving' : unsaved > 0 ? 'unsaved' : summary && !problems ? 'saved' : 'clean'}
          className={
            unsaved > 0
              ? 'unsaved'
              : !saving && last !== 'nothing' && summary && !problems
                ? 'fading'
                : undefined
          }
        >
          {saving
            ? t('clientRecord.saving')
            : unsaved > 0
              ? t('clientRecord.bar.unsaved', { count: unsaved })
              : last === 'nothing'
                ? t('clientRecord.bar.nothing')
                : summary && !problems
                  ? t('clientRecord.saved')
                  : t('clientRecord.bar.clean')}
        </p>
        {problems && (
          <div role="alert" className="record-save-problems">
            {summary.saved.length > 0 && (
              <p className="record-saved">
                {t('clientRecord.bar.savedSome', { sections: list(summary.saved) })}
              </p>
            )}
            {summary.invalid.length > 0 && (
              <p className="field-error">
                {t('clientRecord.bar.invalid', { sections: list(summary.invalid) })}
              </p>
            )}
            {summary.refused.length > 0 && (
              <p className="field-error">
                {t('clientRecord.bar.refused', { sections: list(summary.refused) })}
              </p>
            )}
            {summary.failed.length > 0 && (
              <p className="field-error">
                {t('clientRecord.bar.failed', { sections: list(summary.failed) })}
              </p>
            )}
          </div>
        )}
      </div>
      <p className="muted hint record-save-keys">
        {t('clientRecord.bar.keys', { key: onMac() ? 'Cmd' : 'Ctrl' })}
      </p>
      <button type="submit" aria-disabled={saving || undefined}>
        {saving ? t('clientRecord.saving') : t('clientRecord.save')}
      </button>
    </div>
  );
}
