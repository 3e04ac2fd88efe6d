import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** The resident home's way into services: order one or report a problem, and follow the requests. */
export async function ServicesCard({ slug }: { slug: string }) {
  const t = await getTranslations('myRequests.home');
  return (
    <section aria-labelledby="services-card" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm" data-testid="services-card">
      <h2 id="services-card" className="text-base font-semibold text-gray-900">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-gray-500">{t('body')}</p>
      <div className="mt-3 grid grid-cols-2 gap-2">
        <Link
          href={`/${slug}/my-requests/new`}
          className="flex h-11 items-center justify-center rounded-md bg-brand-600 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t('link')}
        </Link>
        <Link
          href={`/${slug}/my-requests`}
          className="flex h-11 items-center justify-center rounded-md border border-gray-300 bg-white text-sm font-medium text-gray-800 hover:bg-gray-50"
        >
          {t('mine')}
        </Link>
      </div>
    </section>
  );
}
