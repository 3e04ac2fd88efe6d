'use client';
import { useCallback, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { serverErrorInfo } from './server-error';
import { useFeeErrorText, useFeeMessageText } from '@/components/money/use-fee-error-text';

/**
 * Errors for a react-hook-form form, client- or server-side, in the user's language.
 * A server error that names a field of this form (zod field errors, or a CONFLICT's
 * details.field) goes next to that field; anything else goes to the top of the form.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useFormErrors<T extends FieldValues>(form: UseFormReturn<T, any, any>) {
  // The fee translators know every shared message too (they fall back to use-error-text.ts).
  const text = useFeeMessageText();
  const serverText = useFeeErrorText();
  const [formError, setFormError] = useState<string | null>(null);

  const onServerError = useCallback(
    (err: unknown) => {
      const info = serverErrorInfo(err);
      const fields = new Set(Object.keys(form.getValues()));
      let placed = false;
      for (const [name, messages] of Object.entries(info.fieldErrors)) {
        const first = messages?.[0];
        if (first && fields.has(name)) {
          form.setError(name as Path<T>, { type: 'server', message: first }, { shouldFocus: !placed });
          placed = true;
        }
      }
      if (info.field && fields.has(info.field)) {
        form.setError(info.field as Path<T>, { type: 'server', message: info.message }, { shouldFocus: !placed });
        placed = true;
      }
      setFormError(placed ? null : serverText(err));
    },
    [form, serverText],
  );

  const fieldError = (name: Path<T>): string | undefined => {
    const message = form.getFieldState(name, form.formState).error?.message;
    return message ? text(message) : undefined;
  };

  return { formError, setFormError, clearFormError: () => setFormError(null), onServerError, fieldError };
}
