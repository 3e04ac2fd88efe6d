import { z } from 'zod';
import { ZId, ZPage, ZTenantSlugValue, zName, zText } from '../validation';
import { keyMessage } from '../error-key';
import { ZMobilePhone, ZPersonName } from './auth';
import { ZOptionalEmail } from './property';

// 吹哨 (#15): the street offices kept at /platform, their liaison accounts, and what a liaison
// does at /street/<office>. The company side's input (ZEscalate) is in ./work-orders.

/** A street office's URL name (/street/<slug>): the same rules as a company's. */
export const ZOfficeSlug = ZTenantSlugValue;

export const ZCreateStreetOffice = z.object({
  slug: ZOfficeSlug,
  name: zName({ max: 100, what: 'name' }),
  district: zText({ max: 100 }).default(''),
});

/** A liaison account: a name and an e-mail and/or a mainland mobile number (both may be given). */
const liaisonFields = {
  name: ZPersonName,
  email: ZOptionalEmail.default(''),
  phone: z.union([z.literal(''), ZMobilePhone]).default(''),
};
const hasContact = (v: { email: string; phone: string }) => v.email !== '' || v.phone !== '';
const CONTACT_REQUIRED = { message: keyMessage('liaisonContactRequired'), path: ['email'] };

export const ZAddLiaison = z.object({ officeId: ZId, ...liaisonFields }).refine(hasContact, CONTACT_REQUIRED);
/** The add-liaison form (the office comes from where it is opened). */
export const ZAddLiaisonForm = z.object(liaisonFields).refine(hasContact, CONTACT_REQUIRED);

export const ZLiaisonRef = z.object({ liaisonId: ZId });

// ── the liaison's area ────────────────────────────────────────────────────────────────
export const ZEscalationStatusFilter = z.enum(['open', 'handled', 'all']);
/** open: oldest waiting first; newest: most recent first. */
export const ZEscalationSort = z.enum(['oldest', 'newest']);

export const ZEscalationList = z.object({
  status: ZEscalationStatusFilter.default('open'),
  sort: ZEscalationSort.default('oldest'),
  ...ZPage,
});

export const ZEscalationRef = z.object({ escalationId: ZId });
export const ZStreetReply = z.object({ escalationId: ZId, body: zName({ max: 1000, multiline: true, what: 'note' }) });
/** The reply form: the body only (the escalation comes from the page). */
export const ZStreetReplyForm = ZStreetReply.pick({ body: true });
export const ZStreetPhotoRef = z.object({ photoId: ZId });
