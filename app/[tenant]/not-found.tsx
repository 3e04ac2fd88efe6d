import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { ButtonLink } from '@/components/ui/button';

/** A record that does not exist (or belongs to another company), inside the company's shell. */
export default async function TenantNotFound() {
  const t = await getTranslations('errors.pages');
  return (
    <EmptyState
      title={t('recordNotFoundTitle')}
      action={
        <ButtonLink href="/companies" variant="secondary">
          {t('myCompanies')}
        </ButtonLink>
      }
    >
      {t('recordNotFoundBody')}
    </EmptyState>
  );
}
