'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { ZChangePassword } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { NewPasswordField } from './new-password-field';

/** Changes the password (current one required); every session ends, this one too. */
export function ChangePasswordForm() {
  const t = useTranslations('auth.account');
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [done, setDone] = useState(false);
  const f = useServerForm(ZChangePassword, {
    defaultValues: { currentPassword: '', newPassword: '' },
    onSubmit: async (values) => {
      await change.mutateAsync(values);
      setDone(true);
      await signOut({ callbackUrl: '/sign-in' });
    },
  });

  if (done) return <Alert tone="success">{t('changed')}</Alert>;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4" data-testid="change-password-form">
      <TextField label={t('currentPassword')} type="password" autoComplete="current-password" required {...f.field('currentPassword')} />
      <NewPasswordField label={t('newPassword')} hint={t('passwordHint')} {...f.field('newPassword')} />
      <Button type="submit" className="w-full" pending={f.pending}>
        {t('change')}
      </Button>
    </ServerForm>
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
