import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import { localDate } from '../shared/calendar';
import { pageWindow } from '../shared/paging';
import type { ZListAnnouncements, ZMyAnnouncements } from '../shared/schemas/announcements';

/** The app's URL of an announcement's image (app/api/announcement-images/…), or null. */
export const imageUrlOf = (slug: string, a: { id: string; imageId: string | null }) => (a.imageId ? `/api/announcement-images/${slug}/${a.id}` : null);

/** The last local date a pin covers (pinnedUntil is the instant it ends: the next day's midnight). */
const pinnedThrough = (pinnedUntil: Date | null, timeZone: string) => (pinnedUntil ? localDate(timeZone, new Date(pinnedUntil.getTime() - 1)) : null);

/** The company's announcements, newest first (admin page). */
export async function listAnnouncements(scope: Scope, q: z.output<typeof ZListAnnouncements>) {
  const { db, tenantId, timeZone } = scope;
  const now = scope.now ?? new Date();
  const where: Prisma.AnnouncementWhereInput = {
    tenantId,
    ...(q.includeArchived ? {} : { archivedAt: null }),
    ...(q.communityId ? { communityIds: { has: q.communityId } } : {}),
    ...(q.q ? { OR: [{ title: { contains: q.q, mode: 'insensitive' } }, { body: { contains: q.q, mode: 'insensitive' } }] } : {}),
  };
  const total = await db.announcement.count({ where });
  const rows = await db.announcement.findMany({ where, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], ...pageWindow(q) });
  const communityIds = [...new Set(rows.flatMap((r) => r.communityIds))];
  const publisherIds = [...new Set(rows.map((r) => r.publishedById))];
  const communities = communityIds.length
    ? await db.community.findMany({ where: { tenantId, id: { in: communityIds } }, select: { id: true, name: true } })
    : [];
  const publishers = publisherIds.length ? await db.user.findMany({ where: { id: { in: publisherIds } }, select: { id: true, name: true } }) : [];
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  const publisherName = new Map(publishers.map((u) => [u.id, u.name]));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((a) => ({
      id: a.id,
      title: a.title,
      body: a.body,
      imageUrl: imageUrlOf(scope.slug, a),
      communities: a.communityIds.map((id) => ({ id, name: communityName.get(id) ?? '' })),
      pinned: !!a.pinnedUntil && a.pinnedUntil > now && !a.archivedAt,
      pinnedThrough: pinnedThrough(a.pinnedUntil, timeZone),
      publishedAt: a.publishedAt,
      publishedBy: publisherName.get(a.publishedById) ?? '',
      archived: !!a.archivedAt,
    })),
  };
}

/** The communities of the signed-in resident's homes (current resident records on current units). */
export async function myCommunityIds({ db, tenantId, actorId }: Scope) {
  const homes = await db.resident.findMany({
    where: { tenantId, userId: actorId, archivedAt: null, unit: { archivedAt: null } },
    select: { unit: { select: { communityId: true } } },
  });
  return [...new Set(homes.map((h) => h.unit.communityId))];
}

/**
 * The notices of the resident's communities for their home page: the pinned ones first while
 * their pin lasts (newest first), then the rest, newest first.
 */
export async function listMyAnnouncements(scope: Scope, q: z.output<typeof ZMyAnnouncements>) {
  const { db, tenantId, timeZone } = scope;
  const now = scope.now ?? new Date();
  const mine = await myCommunityIds(scope);
  if (mine.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string; title: string; body: string; imageId: string | null; pinnedUntil: Date | null; publishedAt: Date }[]>`
    select "id", "title", "body", "imageId", "pinnedUntil", "publishedAt"
    from "Announcement"
    where "tenantId" = ${tenantId} and "archivedAt" is null and "communityIds" && ${mine}::text[]
      and "publishedAt" <= ${now}
    order by coalesce("pinnedUntil" > ${now}, false) desc, "publishedAt" desc, "id" desc
    limit ${q.limit}`;
  return rows.map((a) => ({
    id: a.id,
    title: a.title,
    body: a.body,
    imageUrl: imageUrlOf(scope.slug, a),
    pinned: !!a.pinnedUntil && a.pinnedUntil > now,
    pinnedThrough: a.pinnedUntil && a.pinnedUntil > now ? pinnedThrough(a.pinnedUntil, timeZone) : null,
    publishedAt: a.publishedAt,
  }));
}
