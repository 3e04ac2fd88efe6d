import 'server-only';
import { z } from 'zod';
import { AppError } from '../../errors';
import { createTRPCRouter, tenantProcedure } from '../trpc';
import { mayUpload, UPLOAD_PURPOSES } from '../../uploads/upload';
import { getPhotoPermit } from '../../uploads/photos';
import { ZId } from '../../shared/validation';

const ZPurpose = z.enum(Object.keys(UPLOAD_PURPOSES) as [keyof typeof UPLOAD_PURPOSES, ...(keyof typeof UPLOAD_PURPOSES)[]]);

export const uploadsRouter = createTRPCRouter({
  /** Called by app/api/uploads before it reads a body: may this member upload a file for `purpose`? */
  getUploadPermit: tenantProcedure.input(z.object({ purpose: ZPurpose })).query(({ ctx, input }) => {
    if (!mayUpload(ctx.membership, input.purpose)) {
      throw new AppError('FORBIDDEN', 'forbidden');
    }
    return { tenantId: ctx.tenant.id, userId: ctx.user.id };
  }),
  /**
   * Called by app/api/work-order-photos before it reads a file: the photo's storage keys when the
   * caller may see its order (server/work-orders/access.ts decides by role, assignment and unit,
   * so no one permission guards it), else NOT_FOUND.
   */
  getPhotoPermit: tenantProcedure.input(z.object({ photoId: ZId })).query(({ ctx, input }) => getPhotoPermit(ctx.scope, ctx.membership, input.photoId)),
});
