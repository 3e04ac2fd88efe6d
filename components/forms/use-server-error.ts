'use client';
import { useCallback, useMemo, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { parseKeyMessage, type ErrorParams, type KeyedError } from '@/server/shared/error-key';
import { serverErrorInfo, type ServerErrorInfo } from './server-error';

type Loose = ((key: string, params?: ErrorParams) => string) & { has: (key: string) => boolean };

const isInfo = (v: unknown): v is ServerErrorInfo => !!v && typeof v === 'object' && 'fieldErrors' in v && 'network' in v && 'error' in v;

/**
 * The one way to show a server error: every failure arrives as a key of the errors catalog with
 * params (server/api/trpc.ts) and is rendered here as t(`errors.${key}`, params) — tRPC errors,
 * bad input by field, network failures, a 500 with its request id, a 429 with its wait, upload
 * and file-route errors, client-side zod messages (keys too) and import problems.
 *
 * `text(err)` any failure → its text; `message(m)` a key message (a form field's error) → text;
 * `keyed({ key, params })` → text. State for the one error a form or action shows: `error`,
 * `setError`, `clear`; `run(action)` runs a one-click action and keeps its error;
 * `form(f)` wires a react-hook-form form: server field errors next to their fields (zod field
 * errors, a CONFLICT's details.field), the rest on top.
 */
export function useServerError() {
  const t = useTranslations('errors') as unknown as Loose;
  const [error, setError] = useState<string | null>(null);

  const keyed = useCallback((k: KeyedError): string => (t.has(k.key) ? t(k.key, k.params) : t('generic')), [t]);

  const message = useCallback(
    (m: string | null | undefined): string => {
      if (!m) return t('generic');
      const k = parseKeyMessage(m);
      return k ? keyed(k) : m;
    },
    [t, keyed],
  );

  const text = useCallback(
    (err: unknown): string => {
      const info = isInfo(err) ? err : serverErrorInfo(err);
      if (info.network) return t('network');
      // A 500 says only "ours" and the request id the server logged it under.
      if (info.code === 'INTERNAL_SERVER_ERROR') return info.requestId ? t('genericWithId', { id: info.requestId }) : t('generic');
      // Bad input: the first field's reason reads better than the whole.
      const firstField = Object.values(info.fieldErrors).find((m) => m?.length)?.[0];
      if (firstField) return message(firstField);
      if (info.retryAfter && (info.error.key === 'generic' || !t.has(info.error.key))) return t('tryAgainIn', { seconds: info.retryAfter });
      return keyed(info.error);
    },
    [t, keyed, message],
  );

  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setError(null);
      try {
        await action();
        return true;
      } catch (e) {
        setError(text(e));
        return false;
      }
    },
    [text],
  );

  const form = useCallback(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    <T extends FieldValues>(f: UseFormReturn<T, any, any>) => ({
      formError: error,
      setFormError: setError,
      clearFormError: () => setError(null),
      /** Places a failed request's errors: next to this form's fields where named, else on top. */
      onServerError: (err: unknown) => {
        const info = serverErrorInfo(err);
        const fields = new Set(Object.keys(f.getValues()));
        let placed = false;
        for (const [name, messages] of Object.entries(info.fieldErrors)) {
          const first = messages?.[0];
          if (first && fields.has(name)) {
            f.setError(name as Path<T>, { type: 'server', message: first }, { shouldFocus: !placed });
            placed = true;
          }
        }
        if (info.field && fields.has(info.field)) {
          f.setError(info.field as Path<T>, { type: 'server', message: info.message }, { shouldFocus: !placed });
          placed = true;
        }
        setError(placed ? null : text(info));
      },
      /** A field's error (client-side zod or the server's), in the user's language. */
      fieldError: (name: Path<T>): string | undefined => {
        const m = f.getFieldState(name, f.formState).error?.message;
        return m ? message(m) : undefined;
      },
    }),
    [error, text, message],
  );

  return useMemo(() => ({ error, setError, clear: () => setError(null), text, message, keyed, run, form }), [error, text, message, keyed, run, form]);
}
