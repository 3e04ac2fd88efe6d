import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { handlePageError } from '@/components/tenant/load-company';
import { loadOffice } from '@/components/street/load-office';
import { EscalationDetail } from '@/components/street/escalation-detail';

type Props = { params: Promise<{ office: string; escalationId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations('street');
  const { office } = await params;
  return { title: `${t('detail.back')} · ${(await loadOffice(office)).name}` };
}

/** /street/<office>/<escalation>: one escalated order, its answers, reply and "mark handled". */
export default async function StreetEscalationPage({ params }: Props) {
  const { office, escalationId } = await params;
  const o = await loadOffice(office);
  // Another office's escalation (or none): the 404 page, as the procedure answers NOT_FOUND.
  await (await serverApi()).street.getEscalation({ office: o.slug, escalationId }).catch(handlePageError);
  return <EscalationDetail office={o.slug} escalationId={escalationId} />;
}
