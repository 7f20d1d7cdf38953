import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { FieldError } from '../../../../shared/domain/validation';
import { Field } from './Field';

export interface TypedFieldProps {
  /** The control's id (a generated one by default). */
  id?: string;
  label: ReactNode;
  errors?: readonly FieldError[];
  hint?: ReactNode;
  className?: string;
  disabled?: boolean;
  /** The stored form (or what was typed, when it does not parse: the form's validator refuses it). */
  value: string;
  onChange(event: { target: { value: string } }): void;
}

interface TypedFieldSpec {
  /** The stored form of what was typed, or undefined when it is not one. */
  parse(text: string): string | undefined;
  /** How a stored value is shown while the person is not typing. */
  show(value: string): string;
  /** The value a key moves to from `from` (what is typed, or the stored value), or undefined: not a step key. */
  step(from: string, event: KeyboardEvent): string | undefined;
  /** Said under the field when what was typed and left does not parse. */
  invalid: string;
  input: { className: string; placeholder: string; maxLength: number; inputMode?: 'numeric' };
}

/**
 * A text field holding a value of a fixed format (a date, a time) that it shows the same way whatever the browser's
 * locale, and reads as the person writes it. The form gets the stored form of what was typed as soon as it parses,
 * and the text as typed while it does not; when the field is left with text that does not parse it says so
 * (unless the form already does). Step keys move the value.
 */
export function TypedField({
  id: given,
  label,
  errors = [],
  hint,
  className,
  disabled,
  value,
  onChange,
  spec,
}: TypedFieldProps & { spec: TypedFieldSpec }) {
  const generated = useId();
  const id = given ?? generated;
  // What the person typed, while the form holds `sent` for it; a change of the form's value from elsewhere wins.
  const [typed, setTyped] = useState<{ text: string; sent: string; left: boolean } | undefined>();
  const own = typed !== undefined && typed.sent === value ? typed : undefined;
  const wrong = own !== undefined && own.left && errors.length === 0;

  const send = (text: string) => {
    const sent = text.trim() === '' ? '' : (spec.parse(text) ?? text);
    setTyped({ text, sent, left: false });
    onChange({ target: { value: sent } });
  };
  const leave = () => {
    if (own === undefined) return;
    if (own.text.trim() === '' || spec.parse(own.text) !== undefined) setTyped(undefined);
    else setTyped({ ...own, left: true });
  };
  const step = (event: KeyboardEvent) => {
    const next = spec.step(own?.text ?? value, event);
    if (next === undefined) return;
    event.preventDefault();
    setTyped(undefined);
    onChange({ target: { value: next } });
  };

  return (
    <Field
      id={id}
      label={label}
      errors={errors}
      hint={hint}
      className={className}
      note={
        wrong && (
          <p id={`${id}-format`} className="field-error">
            {spec.invalid}
          </p>
        )
      }
    >
      {(control) => (
        <input
          {...control}
          {...(wrong
            ? {
                'aria-invalid': true,
                'aria-describedby': [control['aria-describedby'], `${id}-format`].filter(Boolean).join(' '),
              }
            : {})}
          type="text"
          autoComplete="off"
          spellCheck={false}
          {...spec.input}
          disabled={disabled}
          value={own?.text ?? spec.show(value)}
          onChange={(event) => send(event.target.value)}
          onBlur={leave}
          onKeyDown={step}
        />
      )}
    </Field>
  );
}
