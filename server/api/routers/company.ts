import 'server-only';
import { createTRPCRouter, permittedProcedure, tenantProcedure } from '../trpc';
import { listAudit } from '../../tenancy/list-audit';
import { updateCompanySettings } from '../../tenancy/settings';
import { getApprovalSettings, updateApprovalSettings } from '../../tenancy/four-eyes';
import { getReceiptDetails, updateReceiptDetails } from '../../tenancy/receipt-details';
import { ZApprovalSettings, ZAuditQuery, ZCompanySettings, ZReceiptDetails } from '../../shared/schemas/tenancy';

export const companyRouter = createTRPCRouter({
  /** The company in scope and the caller's role in it. */
  getCurrent: tenantProcedure.query(({ ctx }) => ({ ...ctx.tenant, role: ctx.membership.role, dispatcher: ctx.membership.dispatcher })),
  updateSettings: permittedProcedure('company.manage')
    .input(ZCompanySettings)
    .mutation(({ ctx, input }) => updateCompanySettings(ctx.scope, input)),
  getApprovals: permittedProcedure('company.manage').query(({ ctx }) => getApprovalSettings(ctx.scope)),
  updateApprovals: permittedProcedure('company.manage')
    .input(ZApprovalSettings)
    .mutation(({ ctx, input }) => updateApprovalSettings(ctx.scope, input)),
  /** Address, phone and seal printed on receipts and 催缴通知单 (#17). */
  getReceiptDetails: permittedProcedure('company.manage').query(({ ctx }) => getReceiptDetails(ctx.scope)),
  updateReceiptDetails: permittedProcedure('company.manage')
    .input(ZReceiptDetails)
    .mutation(({ ctx, input }) => updateReceiptDetails(ctx.scope, input)),
  listAudit: permittedProcedure('audit.read')
    .input(ZAuditQuery)
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
});
