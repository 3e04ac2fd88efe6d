'use client';
import { useState, type ComponentProps, type ReactNode } from 'react';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { FormActions } from './form-actions';
import { ServerForm } from './server-form';
import { useServerForm } from './use-server-form';

/** A settings-like form (saved in place, then says so): useServerForm plus a `saved` flag. */
export function useSavedForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  { defaultValues, save }: { defaultValues: DefaultValues<TIn>; save: (values: TOut, form: UseFormReturn<TIn, unknown, TOut>) => Promise<unknown> },
) {
  const [saved, setSaved] = useState(false);
  const f = useServerForm(schema, {
    defaultValues,
    onSubmit: async (values, form) => {
      setSaved(false);
      await save(values, form);
      setSaved(true);
    },
  });
  return { ...f, saved };
}

/** Its form: the error or "saved" on top, the fields, then Save. */
export function SavedForm({
  f,
  savedText,
  submitLabel,
  className,
  children,
  ...rest
}: Omit<ComponentProps<'form'>, 'onSubmit'> & {
  f: { submit: ComponentProps<'form'>['onSubmit']; errors: { formError: string | null }; saved: boolean; pending: boolean };
  savedText: string;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className={cn('max-w-xl', className)} {...rest}>
      {f.saved && (
        <Alert tone="success" className="mb-4">
          {savedText}
        </Alert>
      )}
      {children}
      <FormActions submitLabel={submitLabel} pending={f.pending} />
    </ServerForm>
  );
}
