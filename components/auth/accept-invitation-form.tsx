'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { ZAcceptInvitationForm } from '@/server/shared/schemas/tenancy';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { NewPasswordField } from './new-password-field';

// A new person picks a name and password. Someone with an account accepts while signed in
// (AcceptSignedIn): the invitation never asks for an existing account's password.

export function AcceptInvitationForm({ token, email, name }: { token: string; email: string; name: string }) {
  const t = useTranslations('auth.invite');
  const trpc = useTRPC();
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions());
  const f = useServerForm(ZAcceptInvitationForm, {
    defaultValues: { name, password: '' },
    onSubmit: async (values) => {
      const slug = (await accept.mutateAsync({ token, password: values.password, name: values.name })).tenantSlug;
      const r = await signIn('credentials', { email, password: values.password, redirect: false }).catch(() => undefined);
      setLeaving(true);
      window.location.assign(r?.ok && !r.error ? `/${slug}` : `/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
    },
  });

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <TextField label={t('name')} required autoComplete="name" {...f.field('name')} />
      <NewPasswordField label={t('newPassword')} hint={t('passwordHint')} {...f.field('password')} />
      <Button type="submit" className="w-full" pending={f.pending || leaving}>
        {t('accept')}
      </Button>
    </ServerForm>
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
