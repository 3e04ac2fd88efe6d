import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { notFound } from '../errors';
import { thumbIdOf } from '../uploads/upload';
import type { PhotoKeys } from '../uploads/photos';
import type { ZAnnouncementRef } from '../shared/schemas/announcements';
import { myCommunityIds } from './list-announcements';

// Who may see an announcement's image (app/api/announcement-images/[tenant]/[announcementId]):
// the company's admins (any of its notices), and residents only of the notice's communities
// while it is not archived. Anything else is NOT_FOUND: nothing is revealed.

const keys = (tenantId: string, imageId: string): PhotoKeys => ({ tenantId, uploadId: imageId, thumbId: thumbIdOf(imageId) });

/** An admin's view of any notice's image. */
export async function getAnnouncementImage({ db, tenantId }: Scope, { id }: z.output<typeof ZAnnouncementRef>) {
  const a = await db.announcement.findUnique({ where: { tenantId_id: { tenantId, id } }, select: { imageId: true } });
  if (!a?.imageId) throw notFound('announcement');
  return keys(tenantId, a.imageId);
}

/** A resident's view: only a current notice of one of their communities. */
export async function getMyAnnouncementImage(scope: Scope, { id }: z.output<typeof ZAnnouncementRef>) {
  const { db, tenantId } = scope;
  const a = await db.announcement.findUnique({
    where: { tenantId_id: { tenantId, id } },
    select: { imageId: true, communityIds: true, archivedAt: true },
  });
  if (!a?.imageId || a.archivedAt) throw notFound('announcement');
  const mine = await myCommunityIds(scope);
  if (!a.communityIds.some((c) => mine.includes(c))) throw notFound('announcement');
  return keys(tenantId, a.imageId);
}
