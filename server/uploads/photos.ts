import 'server-only';
import type { Scope } from '../db/scope';
import { AppError, notFound } from '../errors';
import { MAX_ORDER_PHOTOS } from '../shared/schemas/work-orders';
import { loadVisibleOrder, type Member } from '../work-orders/access';
import { uploadStorage } from './storage';
import { thumbIdOf } from './upload';

// Work-order photos (#15). A photo enters through the upload route (purpose
// "work-order-photo": checked by content, re-encoded, a WebP thumbnail beside it), then a
// work-order service claims it for an order: a WorkOrderPhoto row ties the upload to the order,
// and from then on it is served only to who may see that order
// (app/api/work-order-photos/[tenant]/[photoId], and the street area for liaisons).

/** At most this many photos on one order (request and work together). */
export const MAX_PHOTOS_PER_ORDER = 12;

export type PhotoStage = 'request' | 'work';

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Attaches the caller's uploads to an order, in the caller's transaction. Each upload must be
 * this company's, of purpose "work-order-photo", uploaded by scope.actorId and not attached yet;
 * at most MAX_ORDER_PHOTOS per call and MAX_PHOTOS_PER_ORDER on the order. The caller has
 * already checked that the actor may act on the order (loadVisibleOrder + the state machine).
 */
export async function claimOrderPhotos(
  scope: Scope,
  orderId: string,
  uploadIds: readonly string[],
  stage: PhotoStage,
): Promise<{ id: string; uploadId: string; thumbId: string }[]> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return [];
  if (ids.length > MAX_ORDER_PHOTOS) throw new AppError('BAD_REQUEST', 'tooManyPhotos', { max: MAX_ORDER_PHOTOS });

  // The order's row, locked: two requests adding photos at once count one after the other.
  const locked = await scope.db.$queryRaw<{ id: string }[]>`
    select id from "WorkOrder" where "tenantId" = ${scope.tenantId} and id = ${orderId} for update`;
  if (locked.length === 0) throw notFound('workOrder');
  const existing = await scope.db.workOrderPhoto.count({ where: { tenantId: scope.tenantId, orderId } });
  if (existing + ids.length > MAX_PHOTOS_PER_ORDER) throw new AppError('BAD_REQUEST', 'orderPhotoLimit', { max: MAX_PHOTOS_PER_ORDER });

  const storage = uploadStorage();
  for (const id of ids) {
    // another company's id is simply not in this company's folder
    const stored = UPLOAD_ID.test(id) ? await storage.get(`${scope.tenantId}/${id}`) : null;
    if (!stored) throw notFound('upload');
    if (stored.meta.purpose !== 'work-order-photo') throw new AppError('BAD_REQUEST', 'photoWrongPurpose');
    if (stored.meta.userId !== scope.actorId) throw new AppError('FORBIDDEN', 'photoNotYours');
  }
  const taken = await scope.db.workOrderPhoto.findFirst({ where: { tenantId: scope.tenantId, uploadId: { in: ids } }, select: { id: true } });
  if (taken) throw new AppError('CONFLICT', 'photoAlreadyUsed');

  const rows = ids.map((uploadId) => ({ tenantId: scope.tenantId, orderId, uploadId, thumbId: thumbIdOf(uploadId), stage, uploadedBy: scope.actorId }));
  try {
    await scope.db.workOrderPhoto.createMany({ data: rows });
  } catch (e) {
    // claimed by a concurrent request between the check and the insert
    if ((e as { code?: string }).code === 'P2002') throw new AppError('CONFLICT', 'photoAlreadyUsed');
    throw e;
  }
  const created = await scope.db.workOrderPhoto.findMany({
    where: { tenantId: scope.tenantId, uploadId: { in: ids } },
    select: { id: true, uploadId: true, thumbId: true },
  });
  return ids.map((u) => created.find((c) => c.uploadId === u)!);
}

/**
 * May the caller see this photo? Its keys when they may see its order (loadVisibleOrder),
 * else NOT_FOUND (another company's photo, an order not theirs: nothing is revealed).
 */
export async function getPhotoPermit(scope: Scope, member: Member, photoId: string): Promise<PhotoKeys> {
  const photo = await scope.db.workOrderPhoto.findUnique({
    where: { tenantId_id: { tenantId: scope.tenantId, id: photoId } },
    select: { tenantId: true, orderId: true, uploadId: true, thumbId: true },
  });
  if (!photo) throw notFound('photo');
  try {
    await loadVisibleOrder(scope, member, photo.orderId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound('photo');
    throw e;
  }
  return { tenantId: photo.tenantId, uploadId: photo.uploadId, thumbId: photo.thumbId };
}

/** A stored photo (or its thumbnail) by its storage id within the company; null when absent. */
export async function readPhoto(tenantId: string, storageId: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const base = storageId.endsWith('-thumb') ? storageId.slice(0, -'-thumb'.length) : storageId;
  if (!UPLOAD_ID.test(base)) return null;
  const got = await uploadStorage().get(`${tenantId}/${storageId}`);
  if (!got || !got.meta.contentType.startsWith('image/')) return null;
  return { bytes: got.bytes, contentType: got.meta.contentType };
}

/** The keys of a WorkOrderPhoto row that serving needs. */
export interface PhotoKeys {
  tenantId: string;
  uploadId: string;
  thumbId: string;
}

/**
 * The HTTP answer for a photo the caller has been allowed to see (the tenant route, and the
 * street area's route for liaisons): the bytes, private caching, no sniffing, inline. 404 when
 * the file is gone. `thumb`: the thumbnail (the full image when it has none).
 */
export async function photoResponse(photo: PhotoKeys, thumb: boolean): Promise<Response> {
  const got = (thumb ? await readPhoto(photo.tenantId, photo.thumbId) : null) ?? (await readPhoto(photo.tenantId, photo.uploadId));
  if (!got) return photoNotFound();
  return new Response(new Uint8Array(got.bytes), {
    status: 200,
    headers: {
      'content-type': got.contentType,
      'content-length': String(got.bytes.byteLength),
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
    },
  });
}

/** The one 404 of the photo routes (nothing said about why). */
export const photoNotFound = () =>
  new Response('Not found', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
