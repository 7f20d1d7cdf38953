import { useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { writeScope, type Client } from '../../../../shared/index';
import { FormSettingsProvider } from '../../components/form/index';
import { useSession } from '../../session/index';
import { useClientCommands } from './client-data';
import { isSaveShortcut, saveLeftSomething, summariseSave, type SaveSummary } from './record-save';
import { RecordSaveBar } from './RecordSaveBar';
import { AssignmentSection } from './sections/AssignmentSection';
import { ContactSection } from './sections/ContactSection';
import { EmergencySection } from './sections/EmergencySection';
import { IdentitySection } from './sections/IdentitySection';
import { LifestyleSection } from './sections/LifestyleSection';
import { PassportSection } from './sections/PassportSection';
import { PreferencesSection } from './sections/PreferencesSection';
import {
  RecordSaveContext,
  type RecordSave,
  type RecordSectionName,
  type SectionHandle,
} from './sections/RecordSection';
import { useStaffChoices } from './staff-choices';

/**
 * The client's record: names, nationality, date of birth, languages, contact, passport (with a warning when it
 * does not last the trip), travel preferences, emergency contacts, lifestyle, status and assigned staff. One form
 * with one Save (a bar that stays in view and says how many sections hold unsaved changes; Enter in a single-line
 * field and Ctrl/Cmd+Enter anywhere submit it). Each changed section is still validated by its shared validator and
 * written on its own, field by field (record-save.ts): a section with a wrong field keeps its draft and its errors,
 * the valid ones are saved.
 */
export function ClientProfile({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { identity: who } = useSession();
  const scope = writeScope(who.role, 'clients');
  const args = { client, readOnly: scope === 'none' };
  const staff = useStaffChoices();
  const { updateClientSection } = useClientCommands();
  const formRef = useRef<HTMLFormElement>(null);
  const sections = useRef(new Map<string, { current: SectionHandle }>());
  const [dirty, setDirty] = useState<ReadonlySet<string>>(() => new Set());
  const [saving, setSaving] = useState(false);
  const [last, setLast] = useState<SaveSummary<RecordSectionName> | 'nothing' | undefined>();
  const clientId = client.id;

  const record = useMemo<RecordSave>(
    () => ({
      register(id, handle) {
        sections.current.set(id, handle);
        return () => void sections.current.delete(id);
      },
      markDirty(id, isDirty) {
        setDirty((previous) => {
          if (previous.has(id) === isDirty) return previous;
          const next = new Set(previous);
          if (isDirty) next.add(id);
          else next.delete(id);
          return next;
        });
      },
      write: (changes) => updateClientSection(clientId, changes),
    }),
    [clientId, updateClientSection],
  );

  async function saveAll(event?: FormEvent) {
    event?.preventDefault();
    if (saving || args.readOnly) return;
    const handles = [...sections.current.values()].map((handle) => handle.current);
    for (const handle of handles) if (!handle.dirty) handle.clearErrors();
    const changed = handles.filter((handle) => handle.dirty);
    if (changed.length === 0) {
      setLast('nothing');
      return;
    }
    setLast(undefined);
    setSaving(true);
    const results = [];
    // One after the other, in the order on screen: each is its own write of its own fields.
    for (const handle of changed) results.push({ section: handle.section, outcome: await handle.submit() });
    setSaving(false);
    const summary = summariseSave(results);
    setLast(summary);
    // What needs the person's hand: the first field marked wrong.
    if (saveLeftSomething(summary)) {
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])')?.focus(),
      );
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!isSaveShortcut(event)) return;
    event.preventDefault();
    void saveAll();
  }

  return (
    <FormSettingsProvider errorPrefix="clientRecord.errors" classes={{ field: 'record-field' }}>
      <RecordSaveContext.Provider value={record}>
        <form
          ref={formRef}
          className="client-record"
          aria-label={t('clientRecord.heading')}
          noValidate
          onSubmit={(event) => void saveAll(event)}
          onKeyDown={onKeyDown}
        >
          {args.readOnly && <p className="muted">{t('clientRecord.readOnly')}</p>}
          <IdentitySection {...args} />
          <ContactSection {...args} />
          <PassportSection {...args} />
          <PreferencesSection {...args} />
          <EmergencySection {...args} />
          <LifestyleSection {...args} />
          <AssignmentSection
            {...args}
            staff={staff}
            me={who.staffId}
            myName={who.displayName}
            keepSelf={scope === 'assigned'}
          />
          {!args.readOnly && (
            <RecordSaveBar
              unsaved={dirty.size}
              saving={saving}
              last={last === 'nothing' && dirty.size > 0 ? undefined : last}
            />
          )}
        </form>
      </RecordSaveContext.Provider>
    </FormSettingsProvider>
  );
}
