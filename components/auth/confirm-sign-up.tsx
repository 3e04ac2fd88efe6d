'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/forms/form-error';
import { Alert } from '@/components/ui/alert';
import { useServerError } from '@/components/forms/use-server-error';

/**
 * Step 2 of sign-up: creates the account and company from the e-mailed link. A button, not
 * on page load: mail scanners open links, and must not use them up.
 */
export function ConfirmSignUp({ token }: { token: string }) {
  const t = useTranslations('auth.signUp');
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const [error, setError] = useState<string | null>(null);
  const [noCompany, setNoCompany] = useState(false);
  const confirm = useMutation(trpc.account.confirmSignUp.mutationOptions());
  if (noCompany) {
    return (
      <Alert tone="warning">
        {t('confirmedNoCompany')}{' '}
        <Link href="/sign-in?callbackUrl=%2Fcompanies" className="font-medium underline">
          {t('signIn')}
        </Link>
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      <FormError message={error} />
      <p className="text-sm text-gray-600">{t('confirmBody')}</p>
      <Button
        className="w-full"
        pending={confirm.isPending || confirm.isSuccess}
        onClick={async () => {
          setError(null);
          try {
            const r = await confirm.mutateAsync({ token });
            if (!r.tenantSlug) return setNoCompany(true);
            window.location.assign(`/sign-in?signedUp=1&callbackUrl=${encodeURIComponent(`/${r.tenantSlug}`)}`);
          } catch (e) {
            setError(errorText(e));
          }
        }}
      >
        {t('confirm')}
      </Button>
    </div>
  );
}
