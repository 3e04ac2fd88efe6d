import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthCard } from '@/components/auth/auth-card';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.reset'))('title') };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations('auth.reset');
  return (
    <AuthCard title={t('title')}>
      <ResetPasswordForm token={token} />
    </AuthCard>
  );
}
