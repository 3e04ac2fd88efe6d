'use client';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { ZPassword } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

const ZForm = z.object({ password: ZPassword });

/** Sets a new password with a one-time reset link; every session of the account ends. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth.reset');
  const trpc = useTRPC();
  const form = useForm<z.input<typeof ZForm>, unknown, z.output<typeof ZForm>>({ resolver: zodResolver(ZForm), defaultValues: { password: '' } });
  const errors = useServerError().form(form);
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    try {
      await reset.mutateAsync({ token, password: values.password });
    } catch (e) {
      errors.onServerError(e);
      return;
    }
    window.location.assign('/sign-in?reset=1');
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.formError} />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="new-password"
        autoFocus
        required
        hint={t('passwordHint')}
        error={errors.fieldError('password')}
        {...form.register('password')}
      />
      <p className="text-xs text-gray-500">{t('endsSessions')}</p>
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || reset.isSuccess}>
        {t('submit')}
      </Button>
    </form>
  );
}
