import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { serverApi } from '@/server/api/server-caller';
import { ZTenantSlugValue } from '@/server/shared/validation';
import { can, type Permission } from '@/server/shared/permissions';

/**
 * The company named by the URL and the caller's role in it, once per request (the layout
 * and the page share it). Not signed in → sign-in page; not a member → 404.
 */
export const loadCompany = cache(async (slug: string) => {
  const parsed = ZTenantSlugValue.safeParse(slug);
  if (!parsed.success || parsed.data !== slug) notFound();
  const api = await serverApi();
  try {
    return await api.company.getCurrent({ tenant: slug });
  } catch (e) {
    return handlePageError(e);
  }
});

export type Company = Awaited<ReturnType<typeof loadCompany>>;

/** Maps a procedure's error in a server component to the right page. */
export async function handlePageError(e: unknown): Promise<never> {
  if (e instanceof TRPCError) {
    if (e.code === 'UNAUTHORIZED') {
      const path = (await headers()).get('x-linli-path') ?? '/';
      redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    }
    if (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST') notFound();
  }
  throw e;
}

export const allowed = (company: Company, permission: Permission) => can(company, permission);

/**
 * What the shell shows beside the navigation, rendered with the page rather than fetched after
 * it (no second request on load, no badge popping in): the caller's unread notifications and,
 * for approvers, the requests waiting in the approval queues. The client polls both from there.
 * A count that fails is left out (null).
 */
export const loadUnread = cache(async (slug: string) => {
  const api = await serverApi();
  return api.notifications.listMine({ tenant: slug, unreadOnly: true, pageSize: 1 }).catch(() => null);
});

export const loadPendingApprovals = cache(async (slug: string) => {
  const company = await loadCompany(slug);
  if (!can(company, 'fees.manage')) return null;
  const api = await serverApi();
  return api.billing.getPendingApprovals({ tenant: slug }).catch(() => null);
});

export type ShellCounts = { unread: Awaited<ReturnType<typeof loadUnread>>; pending: Awaited<ReturnType<typeof loadPendingApprovals>> };
