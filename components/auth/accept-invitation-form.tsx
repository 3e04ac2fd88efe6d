'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { ZPassword, ZPersonName } from '@/server/auth/schemas';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { useFormErrors } from '@/components/forms/use-form-errors';

// A new person picks a name and password; someone with an account confirms with its password.
const ZForm = z.object({ name: ZPersonName.or(z.literal('')), password: ZPassword });

export function AcceptInvitationForm({ token, email, name, hasAccount }: { token: string; email: string; name: string; hasAccount: boolean }) {
  const t = useTranslations('auth.invite');
  const trpc = useTRPC();
  const schema = hasAccount ? ZForm : ZForm.extend({ name: ZPersonName });
  const form = useForm<z.input<typeof ZForm>, unknown, z.output<typeof ZForm>>({
    resolver: zodResolver(schema),
    defaultValues: { name, password: '' },
  });
  const errors = useFormErrors(form);
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    let slug: string;
    try {
      const r = await accept.mutateAsync({ token, password: values.password, ...(hasAccount ? {} : { name: values.name }) });
      slug = r.tenantSlug;
    } catch (e) {
      errors.onServerError(e);
      return;
    }
    const r = await signIn('credentials', { email, password: values.password, redirect: false }).catch(() => undefined);
    setLeaving(true);
    window.location.assign(r?.ok && !r.error ? `/${slug}` : `/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.formError} />
      {hasAccount ? (
        <p className="text-sm text-gray-600">{t('hasAccount', { email })}</p>
      ) : (
        <TextField label={t('name')} required autoComplete="name" error={errors.fieldError('name')} {...form.register('name')} />
      )}
      <TextField
        label={hasAccount ? t('existingPassword') : t('newPassword')}
        required
        type="password"
        autoComplete={hasAccount ? 'current-password' : 'new-password'}
        autoFocus={hasAccount}
        hint={hasAccount ? undefined : t('passwordHint')}
        error={errors.fieldError('password')}
        {...form.register('password')}
      />
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || leaving}>
        {t('accept')}
      </Button>
    </form>
  );
}
