import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageChoices, movedUp } from '../../../../../shared/domain/client-languages';
import { FieldErrorText, type FieldError } from '../../../components/form/index';
import { useLanguage } from './controls';

/** Names language tags in the UI's language (`en-GB` → "British English", 「イギリス英語」); the tag if unknown. */
function useLanguageNames(): (code: string) => string {
  const language = useLanguage();
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
    return (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [language]);
}

/**
 * The client's languages, picked by name (issue 23) and kept in order of preference: a list with "move up" and
 * "remove" per language, and a list of languages to add (the common ones first, then all by name). Stores the
 * same BCP 47 tags as before. Focus stays where the person works: on the moved language, on the next one after
 * a removal, on the list of languages after an addition.
 */
export function LanguagePicker({
  value,
  onChange,
  errors,
}: {
  value: readonly string[];
  onChange(languages: string[]): void;
  errors: readonly FieldError[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = useLanguageNames();
  const id = useId();
  const [adding, setAdding] = useState('');
  const [said, setSaid] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const addSelect = useRef<HTMLSelectElement>(null);
  const choices = useMemo(() => languageChoices(language, name), [language, name]);
  const open = (list: { code: string; name: string }[]) =>
    list.filter((choice) => !value.includes(choice.code));
  const focusLater = (key: string | undefined) =>
    requestAnimationFrame(() => (key ? buttons.current.get(key) : addSelect.current)?.focus());

  function add() {
    if (adding === '' || value.includes(adding)) return;
    onChange([...value, adding]);
    setSaid(t('clientRecord.languagePicker.added', { language: name(adding) }));
    setAdding('');
    focusLater(undefined);
  }
  function remove(code: string, index: number) {
    const rest = value.filter((other) => other !== code);
    onChange(rest);
    setSaid(t('clientRecord.languagePicker.removed', { language: name(code) }));
    const next = rest[Math.min(index, rest.length - 1)];
    focusLater(next === undefined ? undefined : `remove:${next}`);
  }
  function moveUp(code: string, index: number) {
    onChange(movedUp(value, code));
    setSaid(t('clientRecord.languagePicker.moved', { language: name(code) }));
    // At the top it has no "move up" any more: focus its "remove".
    focusLater(index === 1 ? `remove:${code}` : `up:${code}`);
  }
  const errorId = `${id}-error`;

  return (
    <fieldset className="language-picker" aria-describedby={`${id}-hint`}>
      <legend>{t('clientRecord.fields.languages')}</legend>
      <p id={`${id}-hint`} className="muted hint">
        {t('clientRecord.fields.languagesHint')}
      </p>
      {value.length === 0 ? (
        <p className="muted">{t('clientRecord.languagePicker.none')}</p>
      ) : (
        <ol className="language-list" aria-label={t('clientRecord.languagePicker.chosen')}>
          {value.map((code, index) => (
            <li key={code}>
              <span className="language-name" lang={code}>
                {name(code)}
              </span>
              {index > 0 && (
                <button
                  type="button"
                  className="secondary small"
                  ref={(element) => void buttons.current.set(`up:${code}`, element)}
                  onClick={() => moveUp(code, index)}
                >
                  {t('clientRecord.languagePicker.moveUp', { language: name(code) })}
                </button>
              )}
              <button
                type="button"
                className="secondary small"
                ref={(element) => void buttons.current.set(`remove:${code}`, element)}
                onClick={() => remove(code, index)}
              >
                {t('clientRecord.languagePicker.remove', { language: name(code) })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="language-add">
        <label htmlFor={`${id}-add`}>{t('clientRecord.languagePicker.add')}</label>
        <select
          id={`${id}-add`}
          ref={addSelect}
          value={adding}
          aria-describedby={errors.length > 0 ? errorId : undefined}
          aria-invalid={errors.length > 0 ? true : undefined}
          onChange={(event) => setAdding(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        >
          <option value="">{t('clientRecord.languagePicker.choose')}</option>
          <optgroup label={t('clientRecord.languagePicker.common')}>
            {open(choices.common).map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('clientRecord.languagePicker.all')}>
            {open(choices.all).map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name}
              </option>
            ))}
          </optgroup>
        </select>
        <button type="button" className="secondary" onClick={add} disabled={adding === ''}>
          {t('clientRecord.languagePicker.addButton')}
        </button>
      </div>
      <FieldErrorText id={errorId} errors={errors} />
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </fieldset>
  );
}
