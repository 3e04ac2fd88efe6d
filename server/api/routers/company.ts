import 'server-only';
import { createTRPCRouter, permittedProcedure, tenantProcedure } from '../trpc';
import { listAudit } from '../../tenancy/list-audit';
import { updateCompanySettings } from '../../tenancy/settings';
import { getApprovalSettings, updateApprovalSettings } from '../../tenancy/four-eyes';
import { ZApprovalSettings, ZAuditQuery, ZCompanySettings } from '../../shared/schemas/tenancy';

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
  listAudit: permittedProcedure('audit.read')
    .input(ZAuditQuery)
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
});
