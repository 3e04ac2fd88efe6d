import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/context';
import { internalError, internalErrorBody } from '@/server/api/errors';
import { photoNotFound, photoResponse } from '@/server/uploads/photos';
import { TRPCError } from '@trpc/server';

// GET /api/work-order-photos/<tenant slug>/<photo id>[?thumb=1]: a work order's photo (or its
// WebP thumbnail), only to who may see the order. Authorized by the `uploads.getPhotoPermit`
// procedure (session → membership → server/work-orders/access.ts) through the server-side
// caller; anything the caller may not see (signed out, not a member, another unit's order, an
// order not assigned to them, no such photo) is the same 404. Liaisons of a street office get
// escalated orders' photos through the street area's own route (photoResponse).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ tenant: string; photoId: string }> }) {
  const { tenant, photoId } = await params;
  const thumb = new URL(req.url).searchParams.get('thumb') === '1';
  try {
    const photo = await createCaller(await createContext(req.headers)).uploads.getPhotoPermit({ tenant, photoId });
    return await photoResponse(photo, thumb);
  } catch (e) {
    if (e instanceof TRPCError && e.code !== 'INTERNAL_SERVER_ERROR') return photoNotFound();
    const internal = internalError(e, { route: 'work-order-photos' });
    return Response.json(internalErrorBody(internal), { status: 500, headers: { 'cache-control': 'no-store' } });
  }
}
