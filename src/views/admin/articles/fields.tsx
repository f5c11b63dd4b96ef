import type { ComponentChildren } from 'preact';

/** A labelled form field that shows its error (and keeps what was typed) when the form comes back. */
export function Field({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${error ? ' field--error' : ''}${className ? ` ${className}` : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes that tie an input to its hint and error. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? ('true' as const) : undefined };
}

export function TextInput({
  id,
  name,
  label,
  value,
  error,
  hint,
  type = 'text',
  className,
  required = false,
  maxLength,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  type?: string;
  className?: string;
  required?: boolean;
  maxLength?: number;
}) {
  return (
    <Field id={id} label={label} error={error} hint={hint} {...(className ? { className } : {})}>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        required={required}
        maxLength={maxLength}
        {...describedBy(id, Boolean(hint), error)}
      />
    </Field>
  );
}

/** Hidden inputs carrying a whole set of values (a form carried over to another page). */
export function HiddenValues({ values }: { values: ReadonlyArray<[string, string]> }) {
  return (
    <>
      {values.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}
