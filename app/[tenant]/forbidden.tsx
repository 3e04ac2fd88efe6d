import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { BackHomeLink } from '@/components/tenant/back-home-link';

/** Shown with HTTP 403 when the role may not open a page (components/tenant/forbidden.tsx). */
export default async function TenantForbidden() {
  const t = await getTranslations('shell');
  return (
    <div data-testid="forbidden">
      <EmptyState title={t('forbiddenTitle')} action={<BackHomeLink>{t('backHome')}</BackHomeLink>}>
        {t('forbiddenBody')}
      </EmptyState>
    </div>
  );
}
