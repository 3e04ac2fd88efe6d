'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZResetPasswordForm } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { NewPasswordField } from './new-password-field';

/** Sets a new password with a one-time reset link; every session of the account ends. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth.reset');
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const f = useServerForm(ZResetPasswordForm, {
    defaultValues: { password: '' },
    onSubmit: async ({ password }) => {
      await reset.mutateAsync({ token, password });
      window.location.assign('/sign-in?reset=1');
    },
  });

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <NewPasswordField label={t('password')} autoFocus hint={t('passwordHint')} {...f.field('password')} />
      <p className="text-xs text-gray-500">{t('endsSessions')}</p>
      <Button type="submit" className="w-full" pending={f.pending || reset.isSuccess}>
        {t('submit')}
      </Button>
    </ServerForm>
  );
}
