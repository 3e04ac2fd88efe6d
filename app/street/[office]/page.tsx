import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { loadOffice } from '@/components/street/load-office';
import { EscalationList } from '@/components/street/escalation-list';

type Props = { params: Promise<{ office: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('street');
  const { office } = await params;
  return { title: `${t('list.title')} · ${(await loadOffice(office)).name}` };
}

/** /street/<office>: the escalations of the office (its liaisons only; anyone else gets the 404 page). */
export default async function StreetOfficePage({ params }: Props) {
  const { office } = await params;
  const o = await loadOffice(office);
  return <EscalationList office={o.slug} officeName={o.name} />;
}
