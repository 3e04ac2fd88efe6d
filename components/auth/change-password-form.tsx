'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZChangePassword } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

/** Changes the password (current one required); every session ends, this one too. */
export function ChangePasswordForm() {
  const t = useTranslations('auth.account');
  const trpc = useTRPC();
  const form = useForm<z.input<typeof ZChangePassword>, unknown, z.output<typeof ZChangePassword>>({
    resolver: zodResolver(ZChangePassword),
    defaultValues: { currentPassword: '', newPassword: '' },
  });
  const errors = useServerError().form(form);
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [done, setDone] = useState(false);

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      await change.mutateAsync(values);
    } catch (e) {
      errors.onServerError(e);
      return;
    }
    setDone(true);
    await signOut({ callbackUrl: '/sign-in' });
  });

  if (done) return <Alert tone="success">{t('changed')}</Alert>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="change-password-form">
      <FormError message={errors.formError} />
      <TextField label={t('currentPassword')} type="password" autoComplete="current-password" required error={errors.fieldError('currentPassword')} {...form.register('currentPassword')} />
      <TextField
        label={t('newPassword')}
        type="password"
        autoComplete="new-password"
        required
        hint={t('passwordHint')}
        error={errors.fieldError('newPassword')}
        {...form.register('newPassword')}
      />
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting}>
        {t('change')}
      </Button>
    </form>
  );
}

/** Ends every session of the account, this one included. */
export function SignOutEverywhereButton() {
  const t = useTranslations('auth.account');
  const trpc = useTRPC();
  const everywhere = useMutation(trpc.account.signOutEverywhere.mutationOptions());
  return (
    <Button
      variant="secondary"
      pending={everywhere.isPending || everywhere.isSuccess}
      onClick={async () => {
        await everywhere.mutateAsync();
        await signOut({ callbackUrl: '/sign-in' });
      }}
    >
      {t('signOutEverywhere')}
    </Button>
  );
}
