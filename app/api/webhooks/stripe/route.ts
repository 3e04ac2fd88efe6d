import { getDatabase } from '@/server/db';
import { internalError, internalErrorBody } from '@/server/api/errors';
import { handleStripeWebhook } from '@/server/online-payments/webhook';

// POST /api/webhooks/stripe: Stripe's Connect webhook endpoint (and the local fake's). The
// signature is computed over the exact bytes sent, so the body is read raw (req.text()), never
// parsed and re-serialized; server/online-payments/webhook.ts does the rest. Other methods: 405
// (Next answers them, as only POST is exported).
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  try {
    const raw = await req.text();
    const db = await getDatabase();
    const r = await handleStripeWebhook(db.prisma, raw, req.headers.get('stripe-signature'));
    return Response.json(r.body, { status: r.status, headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    const internal = internalError(e, { route: 'stripe-webhook' });
    return Response.json(internalErrorBody(internal), { status: 500 });
  }
}
