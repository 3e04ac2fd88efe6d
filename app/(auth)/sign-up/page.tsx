import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { AuthCard } from '@/components/auth/auth-card';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.signUp'))('title') };
}

export default async function SignUpPage() {
  const t = await getTranslations('auth.signUp');
  return (
    <AuthCard title={t('title')} subtitle={t('subtitle')}>
      <SignUpForm />
    </AuthCard>
  );
}
