'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { ZSetFirstPassword } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { NewPasswordField } from './new-password-field';

/** A first password for an account made by phone (signed in by code): then phone + password works too. */
export function FirstPasswordForm() {
  const t = useTranslations('auth.firstPassword');
  const tAccount = useTranslations('auth.account');
  const trpc = useTRPC();
  const set = useMutation(trpc.account.setFirstPassword.mutationOptions());
  const [done, setDone] = useState(false);
  const f = useServerForm(ZSetFirstPassword, {
    defaultValues: { newPassword: '' },
    onSubmit: async (values) => {
      await set.mutateAsync(values);
      setDone(true);
      await signOut({ callbackUrl: '/sign-in' });
    },
  });

  if (done) return <Alert tone="success">{t('done')}</Alert>;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4" data-testid="first-password-form">
      <p className="text-sm text-gray-600">{t('hint')}</p>
      <NewPasswordField label={t('newPassword')} hint={tAccount('passwordHint')} {...f.field('newPassword')} />
      <Button type="submit" className="w-full" pending={f.pending}>
        {t('submit')}
      </Button>
    </ServerForm>
  );
}
