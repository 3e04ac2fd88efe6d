'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZSignIn } from '@/server/shared/schemas/auth';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

export function SignInForm({ callbackUrl, notice }: { callbackUrl: string | null; notice?: string | null }) {
  const t = useTranslations('auth.signIn');
  const text = useServerError().message;
  const form = useForm<z.input<typeof ZSignIn>, unknown, z.output<typeof ZSignIn>>({
    resolver: zodResolver(ZSignIn),
    defaultValues: { email: '', password: '' },
  });
  const errors = useServerError().form(form);
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    errors.clearFormError();
    const r = await signIn('credentials', { email, password, redirect: false }).catch(() => undefined);
    if (!r || r.error || !r.ok) {
      errors.setFormError(r?.error && r.error !== 'CredentialsSignin' ? text(r.error) : text('wrongCredentials'));
      return;
    }
    // A full load: server components must see the new session cookie.
    setLeaving(true);
    window.location.assign(callbackUrl ?? '/');
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {notice && <Alert tone="success">{notice}</Alert>}
      <FormError message={errors.formError} />
      <TextField label={t('email')} type="email" autoComplete="email" autoFocus required error={errors.fieldError('email')} {...form.register('email')} />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="current-password"
        required
        error={errors.fieldError('password')}
        {...form.register('password')}
      />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="text-brand-700 hover:underline">
          {t('forgot')}
        </Link>
      </p>
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || leaving}>
        {t('submit')}
      </Button>
      <p className="text-center text-sm text-gray-600">
        {t('noAccount')}{' '}
        <Link href="/sign-up" className="font-medium text-brand-700 hover:underline">
          {t('register')}
        </Link>
      </p>
    </form>
  );
}
