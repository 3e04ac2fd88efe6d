'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZSignUp } from '@/server/tenancy/schemas';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { useFormErrors } from '@/components/forms/use-form-errors';
import { CompanyFields } from '@/components/companies/company-fields';

/** Registers a company and its first admin, then signs in and opens the company. */
export function SignUpForm() {
  const t = useTranslations('auth.signUp');
  const trpc = useTRPC();
  const form = useForm<z.input<typeof ZSignUp>, unknown, z.output<typeof ZSignUp>>({
    resolver: zodResolver(ZSignUp),
    defaultValues: { companyName: '', slug: '', adminName: '', email: '', password: '' },
  });
  const errors = useFormErrors(form);
  // Stays busy while the browser loads the next page.
  const [leaving, setLeaving] = useState(false);
  const signUp = useMutation(trpc.account.signUp.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    errors.clearFormError();
    let slug: string;
    try {
      slug = (await signUp.mutateAsync(values)).tenant.slug;
    } catch (e) {
      errors.onServerError(e);
      return;
    }
    const r = await signIn('credentials', { email: values.email, password: values.password, redirect: false }).catch(() => undefined);
    // The company exists even if signing in fails now; send them to sign in by hand.
    setLeaving(true);
    window.location.assign(r?.ok && !r.error ? `/${slug}` : `/sign-in?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormError message={errors.formError} />
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-gray-900">{t('companySection')}</legend>
        <CompanyFields form={form} fieldError={errors.fieldError} />
      </fieldset>
      <fieldset className="space-y-4 pt-2">
        <legend className="mb-2 text-sm font-semibold text-gray-900">{t('adminSection')}</legend>
        <TextField label={t('adminName')} required autoComplete="name" error={errors.fieldError('adminName')} {...form.register('adminName')} />
        <TextField label={t('email')} required type="email" autoComplete="email" error={errors.fieldError('email')} {...form.register('email')} />
        <TextField
          label={t('password')}
          required
          type="password"
          autoComplete="new-password"
          hint={t('passwordHint')}
          error={errors.fieldError('password')}
          {...form.register('password')}
        />
      </fieldset>
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || leaving}>
        {t('submit')}
      </Button>
      <p className="text-center text-sm text-gray-600">
        {t('haveAccount')}{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t('signIn')}
        </Link>
      </p>
    </form>
  );
}
