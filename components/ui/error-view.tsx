'use client';
import { useEffect } from 'react';
import { useTranslations } from 'next-intl';
import { Button, ButtonLink } from './button';

/** The body of an error boundary: a friendly message, a retry, and the digest for support. */
export function ErrorView({ error, retry, homeHref = '/' }: { error: unknown; retry: () => void; homeHref?: string }) {
  const t = useTranslations('errors.pages');
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center px-4 text-center" role="alert">
      <h1 className="text-xl font-semibold text-gray-900">{t('errorTitle')}</h1>
      <p className="mt-2 max-w-md text-sm text-gray-600">{t('errorBody')}</p>
      {digest && <p className="mt-2 font-mono text-xs text-gray-500">{t('reference', { digest })}</p>}
      <div className="mt-6 flex gap-2">
        <Button onClick={() => retry()}>{t('retry')}</Button>
        <ButtonLink href={homeHref} variant="secondary">
          {t('home')}
        </ButtonLink>
      </div>
    </div>
  );
}
