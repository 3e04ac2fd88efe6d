import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { ParkingSpaceDetail } from '@/components/parking/parking-space-detail';

type Props = { params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('fees.parking'))('title') };
}

export default async function ParkingSpacePage({ params }: Props) {
  const { tenant, id } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'fees.read')) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const space = await api.parking.get({ tenant, id }).catch(handlePageError);
  return <ParkingSpaceDetail space={space} />;
}
