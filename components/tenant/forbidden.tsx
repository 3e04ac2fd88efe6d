import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Shown when the role may not open a page (the server refuses the data anyway). */
export async function Forbidden({ slug }: { slug: string }) {
  const t = await getTranslations('shell');
  return (
    <EmptyState title={t('forbiddenTitle')} action={<ButtonLink href={`/${slug}`} variant="secondary">{t('backHome')}</ButtonLink>}>
      {t('forbiddenBody')}
    </EmptyState>
  );
}
