'use client';
import type { ComponentProps, ReactNode } from 'react';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';

/** A labelled multi-line text with its hint and error (the Field layout). */
export function TextareaField({
  label,
  error,
  hint,
  required,
  fieldClassName,
  rows = 3,
  ...rest
}: { label: string; error?: string; hint?: ReactNode; fieldClassName?: string } & ComponentProps<'textarea'>) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={fieldClassName}>
      {(a) => <Textarea {...a} rows={rows} aria-required={required || undefined} {...rest} />}
    </Field>
  );
}
