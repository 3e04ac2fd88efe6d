import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentSession } from '@/server/auth/session';
import { safeCallbackPath } from '@/components/auth/safe-callback';
import { SignInForm } from '@/components/auth/sign-in-form';
import { AuthCard } from '@/components/auth/auth-card';
import { SignInTabs } from '@/components/auth/sign-in-tabs';
import { smsAvailable } from '@/server/sms/config';

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; reset?: string; signedUp?: string; tab?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.signIn'))('title') };
}

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, reset, signedUp, tab } = await searchParams;
  const callback = safeCallbackPath(callbackUrl, (await headers()).get('host'));
  if (await currentSession()) redirect(callback ?? '/');
  const t = await getTranslations('auth.signIn');
  // Phone sign-in needs SMS: off in production with a database and no SMS provider.
  const phoneEnabled = smsAvailable();
  return (
    <AuthCard title={t('title')} subtitle={phoneEnabled ? t('subtitlePhone') : t('subtitle')}>
      <SignInTabs
        phoneEnabled={phoneEnabled && !reset && !signedUp}
        callbackUrl={callback}
        initialTab={tab === 'email' || tab === 'phone' ? tab : null}
        emailForm={<SignInForm callbackUrl={callback} notice={reset ? t('resetDone') : signedUp ? t('signedUp') : null} />}
      />
    </AuthCard>
  );
}
