import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { serverApi } from '@/server/api/server-caller';
import { ZOfficeSlug } from '@/server/shared/schemas/street';
import { handlePageError } from '@/components/tenant/load-company';

/**
 * The street office named by the URL, once per request, for its liaisons only: signed out → the
 * sign-in page; not an active liaison of the office (or no such office) → 404, as the procedures
 * answer NOT_FOUND.
 */
export const loadOffice = cache(async (slug: string) => {
  const parsed = ZOfficeSlug.safeParse(slug);
  if (!parsed.success || parsed.data !== slug) notFound();
  try {
    const { office } = await (await serverApi()).street.listEscalations({ office: slug, pageSize: 1 });
    return office;
  } catch (e) {
    return handlePageError(e);
  }
});
