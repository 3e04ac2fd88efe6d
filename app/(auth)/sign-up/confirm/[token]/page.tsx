import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { ConfirmSignUp } from '@/components/auth/confirm-sign-up';

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.signUp'))('confirmTitle') };
}

export default async function ConfirmSignUpPage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations('auth.signUp');
  return (
    <AuthCard title={t('confirmTitle')}>
      <ConfirmSignUp token={token} />
    </AuthCard>
  );
}
