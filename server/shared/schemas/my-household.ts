import { z } from 'zod';
import { ZId } from '../validation';
import { ZMobilePhone, ZPersonName } from './auth';

// A unit's owner links household members (issue #14): URL /[tenant]/my-household,
// components/my-household/, router myHousehold, server/my-household/.

/** A household member the owner adds: an occupant of the owner's unit who signs in by phone. */
export const ZAddHouseholdMember = z.object({
  unitId: ZId,
  name: ZPersonName,
  phone: ZMobilePhone,
});

/** The add form (the unit comes from where it is opened). */
export const ZAddHouseholdMemberForm = ZAddHouseholdMember.omit({ unitId: true });

export const ZRemoveHouseholdMember = z.object({ id: ZId });
