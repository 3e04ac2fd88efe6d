'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZRequestPasswordReset } from '@/server/shared/schemas/auth';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { DemoMail } from './demo-mail';

/** Asks for a reset link; the answer is the same whether or not the e-mail has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations('auth.forgot');
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [sent, setSent] = useState<{ email: string; answer: RouterOutputs['account']['requestPasswordReset'] } | null>(null);
  const f = useServerForm(ZRequestPasswordReset, {
    defaultValues: { email: '' },
    onSubmit: async (values) => setSent({ email: values.email, answer: await request.mutateAsync(values) }),
  });

  if (sent) {
    return (
      <div className="space-y-4" data-testid="reset-sent">
        <Alert tone="success">{t('sent', { email: sent.email })}</Alert>
        {sent.answer.demoMail && <DemoMail mail={sent.answer.demoMail} />}
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          {t('back')}
        </Link>
      </div>
    );
  }
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <TextField label={t('email')} type="email" autoComplete="email" autoFocus required {...f.field('email')} />
      <Button type="submit" className="w-full" pending={f.pending}>
        {t('submit')}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t('back')}
        </Link>
      </p>
    </ServerForm>
  );
}
