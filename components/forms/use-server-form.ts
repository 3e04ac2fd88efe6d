'use client';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { useServerError } from './use-server-error';

/**
 * The one form pattern: react-hook-form validated by zodResolver on the server's own schema (or
 * one derived from it in the schema module), a submit that clears the last error and hands a
 * failed request to `useServerError().form` (a server field error goes next to its field, anything else
 * to the top of the form), and `field(name)` that wires a control and its error in one spread:
 * `<TextField label=… {...f.field('name')} />`.
 */
export function useServerForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  {
    defaultValues,
    onSubmit,
  }: {
    defaultValues: DefaultValues<TIn>;
    /** May throw a server error; `form` e.g. for pickDirty or reset. */
    onSubmit: (values: TOut, form: UseFormReturn<TIn, unknown, TOut>) => Promise<unknown> | unknown;
  },
) {
  const form = useForm<TIn, unknown, TOut>({ resolver: zodResolver(schema), defaultValues });
  const server = useServerError();
  const errors = server.form(form);
  const text = server.message;
  const submit = form.handleSubmit(
    async (values) => {
      errors.clearFormError();
      try {
        await onSubmit(values, form);
      } catch (e) {
        errors.onServerError(e);
      }
    },
    // A rule of the whole input (e.g. "a unit or a parking space") names no field: show it on top.
    (invalid) => {
      const whole = (invalid as Record<string, { message?: string } | undefined>)[''];
      errors.setFormError(whole?.message ? text(whole.message) : null);
    },
  );
  const field = (name: Path<TIn>) => ({ ...form.register(name), error: errors.fieldError(name) });
  return { form, errors, submit, field, pending: form.formState.isSubmitting };
}
