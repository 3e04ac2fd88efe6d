'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZSignUp } from '@/server/shared/schemas/tenancy';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { CompanyFields } from '@/components/companies/company-fields';
import { Alert } from '@/components/ui/alert';
import type { RouterOutputs } from '@/components/api-types';
import { DemoMail } from './demo-mail';
import { NewPasswordField } from './new-password-field';

type Answer = RouterOutputs['account']['signUp'];

/**
 * Registers a company and its first admin. The answer is "check your e-mail" whether or not
 * the address has an account; the e-mailed link creates both. In the embedded demo (no mail
 * server) the e-mail is shown right here, so a newcomer is not stuck.
 */
export function SignUpForm() {
  const t = useTranslations('auth.signUp');
  const trpc = useTRPC();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const f = useServerForm(ZSignUp, {
    defaultValues: { companyName: '', slug: '', adminName: '', email: '', password: '' },
    onSubmit: async (values) => setAnswer(await signUp.mutateAsync(values)),
  });

  if (answer) return <CheckYourMail answer={answer} />;

  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <fieldset className="space-y-4">
        <legend className="mb-2 text-sm font-semibold text-gray-900">{t('companySection')}</legend>
        <CompanyFields form={f.form} fieldError={f.errors.fieldError} />
      </fieldset>
      <fieldset className="space-y-4 pt-2">
        <legend className="mb-2 text-sm font-semibold text-gray-900">{t('adminSection')}</legend>
        <TextField label={t('adminName')} required autoComplete="name" {...f.field('adminName')} />
        <TextField label={t('email')} required type="email" autoComplete="email" {...f.field('email')} />
        <NewPasswordField label={t('password')} hint={t('passwordHint')} {...f.field('password')} />
      </fieldset>
      <Button type="submit" className="w-full" pending={f.pending}>
        {t('submit')}
      </Button>
      <p className="text-center text-sm text-gray-600">
        {t('haveAccount')}{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t('signIn')}
        </Link>
      </p>
    </ServerForm>
  );
}

function CheckYourMail({ answer }: { answer: Answer }) {
  const t = useTranslations('auth.signUp');
  return (
    <div className="space-y-4" data-testid="sign-up-sent">
      <Alert tone="success" title={t('checkTitle')}>
        {t('checkBody', { email: answer.email })}
      </Alert>
      {answer.demoMail && <DemoMail mail={answer.demoMail} />}
    </div>
  );
}
