import { TRPCError } from '@trpc/server';
import { createContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { photoNotFound, photoResponse } from '@/server/uploads/photos';

// GET /api/announcement-images/<tenant>/<announcementId>[?thumb=1]: an announcement's image,
// to who may see that announcement — the company's admins (announcements.getImage), or a
// resident of one of its communities (announcements.getMyImage). Anyone else, and a missing
// image, gets the same 404.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ tenant: string; announcementId: string }> };

export async function GET(req: Request, { params }: Params) {
  const { tenant, announcementId } = await params;
  const thumb = new URL(req.url).searchParams.get('thumb') === '1';
  const caller = createCaller(await createContext(req.headers));
  const input = { tenant, id: announcementId };
  try {
    const keys = await caller.announcements.getImage(input).catch((e: unknown) => {
      // not an admin: perhaps a resident of one of its communities
      if (e instanceof TRPCError && e.code === 'FORBIDDEN') return caller.announcements.getMyImage(input);
      throw e;
    });
    return await photoResponse(keys, thumb);
  } catch (e) {
    if (e instanceof TRPCError && e.code !== 'INTERNAL_SERVER_ERROR') return photoNotFound();
    throw e;
  }
}
