import { useTranslation } from 'react-i18next';
import type { SessionIdentity } from '../../../shared/index';
import { NavCount } from '../features/today/waiting-counts';
import { sectionsFor, type Section, type ShellSettings } from './sections';

/** The sections' buttons for `who`, the current one marked, each with its waiting count where it has one. */
export function Navigation({
  who,
  current,
  go,
}: {
  who: SessionIdentity;
  current: Section;
  /** Opens a section (the shell asks about unsaved edits first). */
  go(section: Section): void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="sections" aria-label={t('nav.label')}>
      {sectionsFor(who).map((section) => (
        <button
          key={section.id}
          type="button"
          aria-current={current === section.id ? 'page' : undefined}
          onClick={() => current !== section.id && go(section.id as Section)}
        >
          {t(`nav.${section.id}`)}
          {section.counted && <NavCount section={section.id} />}
        </button>
      ))}
    </nav>
  );
}

/** The current section's screen, if `who` is offered it. */
export function CurrentScreen(props: { who: SessionIdentity; current: Section; settings: ShellSettings }) {
  const section = sectionsFor(props.who).find((entry) => entry.id === props.current);
  return section ? section.screen(props.settings) : null;
}
