import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import type { ZArchiveAnnouncement } from '../shared/schemas/announcements';

/** Archives a notice (residents no longer see it) or restores it. */
export async function archiveAnnouncement({ db, tenantId, actorId, now }: Scope, { id, archived }: z.output<typeof ZArchiveAnnouncement>) {
  const { count } = await db.announcement.updateMany({ where: { tenantId, id }, data: { archivedAt: archived ? (now ?? new Date()) : null } });
  if (count !== 1) throw notFound('announcement');
  await recordAudit(db, { tenantId, actorId, action: archived ? 'announcement.archive' : 'announcement.restore', entity: 'Announcement', entityId: id });
  return { id, archived };
}
