import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { createCaller } from '@/server/api/root';
import { createContext } from '@/server/api/context';
import { renderReceiptPdf } from '@/server/payments/receipt-pdf';
import { internalError, internalErrorBody } from '@/server/api/errors';
import { AppError } from '@/server/errors';

// GET /api/receipts/<payment id>/pdf?tenant=<slug>: the receipt as a PDF. Authorized exactly
// as the `payments.getReceipt` procedure (session → membership → fee-reader role, or the resident
// whose unit paid), because it is that procedure, called through the server-side caller.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const tenant = new URL(req.url).searchParams.get('tenant') ?? '';
  try {
    const api = createCaller(await createContext(req.headers));
    const receipt = await api.payments.getReceipt({ tenant, id });
    const { pdf } = await renderReceiptPdf(receipt);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="receipt-${receipt.receiptNo}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (e) {
    if (e instanceof TRPCError) {
      const keyed = e.cause instanceof AppError ? { key: e.cause.key, params: e.cause.params ?? {} } : { key: 'invalidInput', params: {} };
      return Response.json(
        { error: { code: e.code, ...keyed, message: e.message } },
        { status: getHTTPStatusCodeFromError(e), headers: { 'cache-control': 'no-store' } },
      );
    }
    // Ours: logged under a request id; the client gets only the id.
    const internal = internalError(e, { route: 'receipt-pdf' });
    return Response.json(internalErrorBody(internal), { status: 500 });
  }
}
