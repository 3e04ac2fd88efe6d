import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/context';
import { internalError, internalErrorBody } from '@/server/api/errors';
import { photoNotFound, photoResponse } from '@/server/uploads/photos';
import { TRPCError } from '@trpc/server';

// GET /api/street/<office slug>/photos/<photo id>[?thumb=1]: a photo of a work order escalated to
// the street office, for its liaisons. Authorized by `street.getPhotoPermit` (session → active
// liaison of the office → the office's row-level security, which shows only photos of orders
// escalated to it); anything else (signed out, not a liaison, another office's) is the same 404.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ office: string; photoId: string }> }) {
  const { office, photoId } = await params;
  const thumb = new URL(req.url).searchParams.get('thumb') === '1';
  try {
    const photo = await createCaller(await createContext(req.headers)).street.getPhotoPermit({ office, photoId });
    return await photoResponse(photo, thumb);
  } catch (e) {
    if (e instanceof TRPCError && e.code !== 'INTERNAL_SERVER_ERROR') return photoNotFound();
    const internal = internalError(e, { route: 'street-photos' });
    return Response.json(internalErrorBody(internal), { status: 500, headers: { 'cache-control': 'no-store' } });
  }
}
