'use client';
import { useId, type ComponentProps, type ReactNode } from 'react';
import { Input, Select } from './input';

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  /** Receives the control's id and the ids describing it (hint, error). */
  children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A labelled form control with its hint and its error message right below it. */
export function Field({ label, error, hint, required, className = '', children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label id={`${id}-label`} htmlFor={id} className="mb-1 block text-sm font-medium text-gray-700">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        )}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && !error && (
        <p id={hintId} className="mt-1 text-xs text-gray-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type Common = { label: string; error?: string; hint?: ReactNode; fieldClassName?: string };

export function TextField({ label, error, hint, fieldClassName, required, ...input }: Common & ComponentProps<'input'>) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {(a) => <Input {...a} aria-required={required || undefined} {...input} />}
    </Field>
  );
}

export function SelectField({ label, error, hint, fieldClassName, required, children, ...select }: Common & ComponentProps<'select'>) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {(a) => (
        <Select {...a} aria-required={required || undefined} {...select}>
          {children}
        </Select>
      )}
    </Field>
  );
}

/** The `<option>`s of a select: one per record, its id the value and its name the label. */
export function NamedOptions({ items }: { items: readonly { id: string; name: string }[] }) {
  return items.map((c) => (
    <option key={c.id} value={c.id}>
      {c.name}
    </option>
  ));
}

/** The `<option>`s of a select: one per value, labelled by `label` (an enum's catalog, mostly). */
export function ValueOptions<V extends string>({ values, label }: { values: readonly V[]; label: (v: V) => string }) {
  return values.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}
