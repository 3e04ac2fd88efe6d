import 'server-only';
import { z } from 'zod';
import { createTRPCRouter, permittedProcedure, tenantProcedure } from '../trpc';
import { createInvitation, listInvitations, revokeInvitation } from '../../tenancy/invitations';
import { listMembers, updateMember } from '../../tenancy/members';
import { listAudit } from '../../tenancy/list-audit';
import { updateCompanySettings } from '../../tenancy/settings';
import { getApprovalSettings, updateApprovalSettings } from '../../tenancy/four-eyes';
import { ZApprovalSettings, ZAuditQuery, ZCompanySettings, ZCreateInvitation, ZInviteRole } from '../../shared/schemas/tenancy';
import { ZId } from '../../shared/validation';

export const companyRouter = createTRPCRouter({
  /** The company in scope and the caller's role in it. */
  getCurrent: tenantProcedure.query(({ ctx }) => ({ ...ctx.tenant, role: ctx.membership.role })),
  updateSettings: permittedProcedure('company.manage')
    .input(ZCompanySettings)
    .mutation(({ ctx, input }) => updateCompanySettings(ctx.scope, input)),
  getApprovals: permittedProcedure('company.manage').query(({ ctx }) => getApprovalSettings(ctx.scope)),
  updateApprovals: permittedProcedure('company.manage')
    .input(ZApprovalSettings)
    .mutation(({ ctx, input }) => updateApprovalSettings(ctx.scope, input)),
  listMembers: permittedProcedure('members.read').query(({ ctx }) => listMembers(ctx.scope)),
  updateMember: permittedProcedure('members.manage')
    .input(z.object({ id: ZId, role: ZInviteRole.optional(), status: z.enum(['ACTIVE', 'DISABLED']).optional() }))
    .mutation(({ ctx, input }) => updateMember(ctx.scope, input)),
  listInvitations: permittedProcedure('members.read').query(({ ctx }) => listInvitations(ctx.scope)),
  invite: permittedProcedure('members.manage')
    .input(ZCreateInvitation)
    .mutation(({ ctx, input }) =>
      createInvitation(ctx.scope, input),
    ),
  revokeInvitation: permittedProcedure('members.manage')
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.scope, input)),
  listAudit: permittedProcedure('audit.read')
    .input(ZAuditQuery)
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
});
