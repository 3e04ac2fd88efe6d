import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { allowed, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { Card, PageHeader } from '@/components/ui/card';
import { ImportForm } from '@/components/import/import-form';
import { ImportColumns } from '@/components/import/import-columns';

type Props = { params: Promise<{ tenant: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('import'))('title') };
}

export default async function ImportPage({ params }: Props) {
  const { tenant } = await params;
  const company = await loadCompany(tenant);
  if (!allowed(company, 'register.write')) return <Forbidden slug={tenant} />;
  const t = await getTranslations('import');
  const lang = (await getLocale()) === 'en' ? 'en' : 'zh';
  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} description={t('description')} />
      <ImportForm />
      <Card
        title={t('columnsTitle')}
        actions={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            <a href={`/${tenant}/import/sample.csv?lang=${lang}`} download className="text-sm font-medium text-brand-700 hover:underline">
              {t('downloadSample')}
            </a>
            <a href={`/${tenant}/import/sample.xlsx?lang=${lang}`} download className="text-sm font-medium text-brand-700 hover:underline">
              {t('downloadSampleXlsx')}
            </a>
          </span>
        }
      >
        <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-gray-600">
          <li>{t('rules.oneLinePerResident')}</li>
          <li>{t('rules.communityFirst')}</li>
          <li>{t('rules.reimport')}</li>
          <li>{t('rules.allOrNothing')}</li>
          <li>{t('rules.encoding')}</li>
        </ul>
        <ImportColumns />
      </Card>
    </div>
  );
}
