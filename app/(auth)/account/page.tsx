import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentSession } from '@/server/auth/session';
import { AuthCard } from '@/components/auth/auth-card';
import { ChangePasswordForm, SignOutEverywhereButton } from '@/components/auth/change-password-form';
import { FirstPasswordForm } from '@/components/auth/first-password-form';
import { getDatabase } from '@/server/db';
import { hasPassword } from '@/server/auth/change-password';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.account'))('title') };
}

/** The signed-in person's password and sessions. */
export default async function AccountPage() {
  const session = await currentSession();
  if (!session) redirect('/sign-in?callbackUrl=%2Faccount');
  const t = await getTranslations('auth.account');
  const tFirst = await getTranslations('auth.firstPassword');
  // An account made by phone may have no password yet: it sets a first one (no current one).
  const { hasPassword: withPassword } = await hasPassword((await getDatabase()).prisma, session.userId);
  const who = session.email || session.name;
  return (
    <div className="space-y-4">
      {withPassword ? (
        <AuthCard title={t('changeTitle')} subtitle={t('subtitle', { email: who })}>
          <ChangePasswordForm />
        </AuthCard>
      ) : (
        <AuthCard title={tFirst('title')} subtitle={t('subtitle', { email: who })}>
          <FirstPasswordForm />
        </AuthCard>
      )}
      <AuthCard title={t('sessionsTitle')} subtitle={t('sessionsBody')}>
        <div className="flex items-center justify-between gap-3">
          <Link href="/companies" className="text-sm font-medium text-brand-700 hover:underline">
            {t('back')}
          </Link>
          <SignOutEverywhereButton />
        </div>
      </AuthCard>
    </div>
  );
}
