import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { CommunityDetail } from '@/components/communities/community-detail';

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('communities'))('title') };
}

export default async function CommunityPage({ params }: Props) {
  const { tenant, id } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'register.read')) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const community = await api.property.getCommunity({ tenant, id }).catch(handlePageError);
  return <CommunityDetail initial={community} />;
}
