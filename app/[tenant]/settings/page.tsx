import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { Card, PageHeader } from '@/components/ui/card';
import { SettingsForm } from '@/components/settings/settings-form';
import { AutoBillingForm } from '@/components/settings/auto-billing-form';
import { ApprovalsForm } from '@/components/settings/approvals-form';
import { ReceiptDetailsForm } from '@/components/settings/receipt-details-form';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('title') };
}

// Chinese zones first: that is where nearly every company is.
const PREFERRED = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Urumqi'];

export default async function SettingsPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'company.manage')) return <Forbidden slug={tenant} />;
  const t = await getTranslations('settings');
  const all = Intl.supportedValuesOf('timeZone');
  const timeZones = [...PREFERRED.filter((z) => all.includes(z)), ...all.filter((z) => !PREFERRED.includes(z))];
  return (
    <div>
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <SettingsForm timeZones={timeZones} />
      </Card>
      <Card title={t('receiptDetails.title')} className="mt-6">
        <ReceiptDetailsForm />
      </Card>
      <Card title={t('autoBilling.title')} className="mt-6">
        <AutoBillingForm />
      </Card>
      <Card title={t('approvals.title')} className="mt-6">
        <ApprovalsForm />
      </Card>
    </div>
  );
}
