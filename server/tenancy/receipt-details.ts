import 'server-only';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { TenantDb } from '../db/tenant';
import { AppError, notFound } from '../errors';
import { uploadStorage } from '../uploads/storage';
import { recordAudit } from './audit';
import type { ZReceiptDetails } from '../shared/schemas/tenancy';

// The company's address, phone and seal (#17), printed on the screen receipt, the PDF receipt
// and the 催缴通知单. The seal enters as an upload of purpose "seal" (app/api/uploads: checked
// by content, re-encoded); saving it here stores one PNG of it, at most SEAL_PX square, beside
// the upload (pdfkit draws PNG and JPEG only, and a small PNG is what every page embeds).

export const SEAL_PX = 360;

export type CompanyDetails = {
  address: string;
  phone: string;
  /** the seal as a data: URL (PNG), or null */
  seal: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function readSeal(tenantId: string, id: string | null): Promise<string | null> {
  if (!id || !UUID.test(id)) return null;
  const got = await uploadStorage().get(`${tenantId}/${id}`);
  if (!got || got.meta.contentType !== 'image/png') return null;
  return `data:image/png;base64,${got.bytes.toString('base64')}`;
}

/** The company's details as printed (read in the caller's transaction). */
export async function companyDetails({ db, tenantId }: { db: TenantDb; tenantId: string }): Promise<CompanyDetails> {
  const row = await db.tenant.findUnique({ where: { id: tenantId }, select: { address: true, phone: true, sealUploadId: true } });
  if (!row) throw notFound('company');
  return { address: row.address, phone: row.phone, seal: await readSeal(tenantId, row.sealUploadId) };
}

export const getReceiptDetails = (scope: Scope) => companyDetails(scope);

/**
 * Saves address and phone; with `sealUploadId` a new seal (this company's upload of purpose
 * "seal", else NOT_FOUND), with null no seal. One audit entry.
 */
export async function updateReceiptDetails(scope: Scope, input: z.output<typeof ZReceiptDetails>): Promise<CompanyDetails> {
  const { db, tenantId, actorId } = scope;
  const before = await db.tenant.findUnique({ where: { id: tenantId }, select: { address: true, phone: true, sealUploadId: true } });
  if (!before) throw notFound('company');
  let sealUploadId = before.sealUploadId;
  if (input.sealUploadId === null) sealUploadId = null;
  else if (input.sealUploadId) {
    const storage = uploadStorage();
    const got = await storage.get(`${tenantId}/${input.sealUploadId}`);
    if (!got || got.meta.purpose !== 'seal') throw notFound('upload');
    let png: Buffer;
    try {
      png = await sharp(got.bytes, { limitInputPixels: 40_000_000 })
        .resize(SEAL_PX, SEAL_PX, { fit: 'inside', withoutEnlargement: true })
        .png({ compressionLevel: 9 })
        .toBuffer();
    } catch {
      throw new AppError('BAD_REQUEST', 'uploadBadImage');
    }
    sealUploadId = randomUUID();
    await storage.put(`${tenantId}/${sealUploadId}`, png, {
      ...got.meta,
      purpose: 'seal-print',
      contentType: 'image/png',
      size: png.byteLength,
      createdAt: new Date().toISOString(),
    });
  }
  const { count } = await db.tenant.updateMany({ where: { id: tenantId }, data: { address: input.address, phone: input.phone, sealUploadId } });
  if (count !== 1) throw notFound('company');
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'company.receiptDetails',
    entity: 'Tenant',
    entityId: tenantId,
    before: { address: before.address, phone: before.phone, seal: !!before.sealUploadId },
    after: { address: input.address, phone: input.phone, seal: !!sealUploadId },
  });
  return { address: input.address, phone: input.phone, seal: await readSeal(tenantId, sealUploadId) };
}
