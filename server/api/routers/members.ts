import 'server-only';
import { z } from 'zod';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { createInvitation, listInvitations, revokeInvitation } from '../../members/invitations';
import { listMembers, setStaffDuties, updateMember } from '../../members/members';
import { ZSetStaffDuties } from '../../shared/schemas/members';
import { ZCreateInvitation, ZInviteRole } from '../../shared/schemas/tenancy';
import { ZId } from '../../shared/validation';

// The company's members and invitations: the /members page (components/members).
export const membersRouter = createTRPCRouter({
  list: permittedProcedure('members.read').query(({ ctx }) => listMembers(ctx.scope)),
  update: permittedProcedure('members.manage')
    .input(z.object({ id: ZId, role: ZInviteRole.optional(), status: z.enum(['ACTIVE', 'DISABLED']).optional() }))
    .mutation(({ ctx, input }) => updateMember(ctx.scope, input)),
  /** A STAFF member's dispatcher flag and skills (#15). */
  setStaffDuties: permittedProcedure('members.manage')
    .input(ZSetStaffDuties)
    .mutation(({ ctx, input }) => setStaffDuties(ctx.scope, input)),
  listInvitations: permittedProcedure('members.read').query(({ ctx }) => listInvitations(ctx.scope)),
  invite: permittedProcedure('members.manage')
    .input(ZCreateInvitation)
    .mutation(({ ctx, input }) => createInvitation(ctx.scope, input)),
  revokeInvitation: permittedProcedure('members.manage')
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.scope, input)),
});
