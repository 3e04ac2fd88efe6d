import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { currentSession } from '@/server/auth/session';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { MembersPanel } from '@/components/members/members-panel';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('members'))('title') };
}

export default async function MembersPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'members.read')) return <Forbidden slug={tenant} />;
  const session = await currentSession();
  return <MembersPanel currentUserEmail={session?.email ?? ''} />;
}
