import type { ComponentChildren } from 'preact';

/**
 * Form fields of the management pages: a label, the control with what the person typed, a hint and
 * the field's error, tied together with `aria-describedby` so a screen reader reads the reason.
 */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  maxLength?: number;
}

function described(id: string, error: string | undefined, hint: string | undefined): string | undefined {
  const ids = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: Pick<FieldProps, 'id' | 'label' | 'error' | 'hint'> & { children: ComponentChildren }) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function TextField(props: FieldProps & { type?: 'text' | 'email' | 'url' }) {
  const { id, name, value, error, hint, required, maxLength, type = 'text' } = props;
  return (
    <Field {...props}>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        required={required}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, error, hint)}
      />
    </Field>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const { id, name, value, error, hint, maxLength, rows = 3 } = props;
  return (
    <Field {...props}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, error, hint)}
      >
        {value}
      </textarea>
    </Field>
  );
}

export function SelectField(
  props: Omit<FieldProps, 'maxLength'> & { options: ReadonlyArray<{ value: string; label: string }> },
) {
  const { id, name, value, error, hint, options } = props;
  return (
    <Field {...props}>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described(id, error, hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The hidden CSRF field every form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
