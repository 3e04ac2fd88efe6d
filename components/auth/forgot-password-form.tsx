'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZRequestPasswordReset } from '@/server/shared/schemas/auth';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { FormError } from '@/components/forms/form-error';
import { DemoMail } from './demo-mail';
import { useServerError } from '@/components/forms/use-server-error';

/** Asks for a reset link; the answer is the same whether or not the e-mail has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations('auth.forgot');
  const trpc = useTRPC();
  const form = useForm<z.input<typeof ZRequestPasswordReset>, unknown, z.output<typeof ZRequestPasswordReset>>({
    resolver: zodResolver(ZRequestPasswordReset),
    defaultValues: { email: '' },
  });
  const errors = useServerError().form(form);
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [sent, setSent] = useState<{ email: string; answer: RouterOutputs['account']['requestPasswordReset'] } | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      setSent({ email: values.email, answer: await request.mutateAsync(values) });
    } catch (e) {
      errors.onServerError(e);
    }
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
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.formError} />
      <TextField label={t('email')} type="email" autoComplete="email" autoFocus required error={errors.fieldError('email')} {...form.register('email')} />
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting}>
        {t('submit')}
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t('back')}
        </Link>
      </p>
    </form>
  );
}
