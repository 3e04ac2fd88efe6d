'use client';
import { get, useForm, type DefaultValues, type FieldValues, type Path, type PathValue, type UseFormReturn } from 'react-hook-form';
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
  /** The first error at or under `path` (a group: a price and its tiers, a late fee's terms; '' the whole form), as text. */
  const errorUnder = (path: string): string | undefined => {
    const m = firstMessage(path ? get(form.formState.errors, path) : form.formState.errors);
    return m ? text(m) : undefined;
  };
  return { form, errors, submit, field, errorUnder, pending: form.formState.isSubmitting };
}

function firstMessage(node: unknown): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const own = (node as { message?: unknown }).message;
  if (typeof own === 'string' && own) return own;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'ref' || k === 'message' || k === 'type') continue;
    const m = firstMessage(v);
    if (m) return m;
  }
  return undefined;
}

/** Sets several fields at once (a controlled group such as a price block), as the user's edit. */
export function setFields<T extends FieldValues>(form: UseFormReturn<T, unknown, FieldValues>, values: Partial<T>) {
  for (const [k, v] of Object.entries(values)) form.setValue(k as Path<T>, v as PathValue<T, Path<T>>, { shouldDirty: true });
}
