'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { ZPassword, ZPersonName } from '@/server/shared/schemas/auth';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';
import { NewPasswordField } from './new-password-field';

// A new person picks a name and password. Someone with an account accepts while signed in
// (AcceptSignedIn): the invitation never asks for an existing account's password.
const ZForm = z.object({ name: ZPersonName, password: ZPassword });

export function AcceptInvitationForm({ token, email, name }: { token: string; email: string; name: string }) {
  const t = useTranslations('auth.invite');
  const trpc = useTRPC();
  const form = useForm<z.input<typeof ZForm>, unknown, z.output<typeof ZForm>>({
    resolver: zodResolver(ZForm),
    defaultValues: { name, password: '' },
  });
  const errors = useServerError().form(form);
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    let slug: string;
    try {
      slug = (await accept.mutateAsync({ token, password: values.password, name: values.name })).tenantSlug;
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
      <TextField label={t('name')} required autoComplete="name" error={errors.fieldError('name')} {...form.register('name')} />
      <NewPasswordField label={t('newPassword')} hint={t('passwordHint')} error={errors.fieldError('password')} {...form.register('password')} />
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || leaving}>
        {t('accept')}
      </Button>
    </form>
  );
}

/** Signed in as the invited account: one button, no password. */
export function AcceptSignedIn({ token }: { token: string }) {
  const t = useTranslations('auth.invite');
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const [error, setError] = useState<string | null>(null);
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions());
  return (
    <div className="space-y-3">
      <FormError message={error} />
      <Button
        className="w-full"
        pending={accept.isPending || accept.isSuccess}
        onClick={async () => {
          setError(null);
          try {
            const r = await accept.mutateAsync({ token });
            window.location.assign(`/${r.tenantSlug}`);
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        {t('acceptSignedIn')}
      </Button>
    </div>
  );
}
