import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { currentSession } from '@/server/auth/session';
import { AuthCard } from '@/components/auth/auth-card';
import { InvitationView } from '@/components/auth/invitation-view';

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth.invite'))('title') };
}

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations('auth.invite');
  const api = await serverApi();
  const preview = await api.account.getInvitationPreview({ token }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) return null;
    throw e;
  });
  return (
    <AuthCard title={t('title')}>
      <InvitationView token={token} preview={preview} signedInEmail={(await currentSession())?.email ?? null} />
    </AuthCard>
  );
}
