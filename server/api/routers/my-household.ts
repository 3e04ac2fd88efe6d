import 'server-only';
import { createTRPCRouter, permittedProcedure } from '../trpc';
import { ZAddHouseholdMember, ZRemoveHouseholdMember } from '../../shared/schemas/my-household';
import { addHouseholdMember, myHousehold, removeHouseholdMember } from '../../my-household/household';

// A resident's household: URL /[tenant]/my-household, components/my-household/. Adding and
// removing members is checked in the service: only the unit's OWNER.
const household = permittedProcedure('household.manage');

export const myHouseholdRouter = createTRPCRouter({
  getHousehold: permittedProcedure('resident.self').query(({ ctx }) => myHousehold(ctx.scope)),
  addMember: household.input(ZAddHouseholdMember).mutation(({ ctx, input }) => addHouseholdMember(ctx.scope, input)),
  removeMember: household.input(ZRemoveHouseholdMember).mutation(({ ctx, input }) => removeHouseholdMember(ctx.scope, input)),
});
