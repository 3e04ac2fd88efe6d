import { z } from 'zod';
import { ZEmail, ZMobilePhone, ZPassword, ZPersonName } from './auth';
import { ZTenantSlugValue, zName, zText } from '../validation';
import { keyMessage } from '../error-key';

export const ZCompanyName = zName({ max: 100, what: 'companyName' }).refine((s) => s.length >= 2, keyMessage('tooShortNamed', { what: 'companyName', min: 2 }));

export const ZSignUp = z.object({
  companyName: ZCompanyName,
  slug: ZTenantSlugValue,
  adminName: ZPersonName,
  email: ZEmail,
  password: ZPassword,
});

export const ZCreateCompany = z.object({ companyName: ZCompanyName, slug: ZTenantSlugValue });

export const ZInviteRole = z.enum(['ADMIN', 'CASHIER', 'STAFF', 'EXECUTIVE', 'RESIDENT']);

// By e-mail (a link to accept) or by mobile number (an SMS; accepting = signing in by phone),
// or both: at least one.
export const ZCreateInvitation = z
  .object({
    email: z.union([z.literal(''), ZEmail]).default(''),
    phone: z.union([z.literal(''), ZMobilePhone]).default(''),
    name: ZPersonName,
    role: ZInviteRole,
    residentId: z.string().min(1).optional(),
  })
  .refine((v) => v.role !== 'RESIDENT' || !!v.residentId, {
    path: ['residentId'],
    message: keyMessage('residentInvitationNeedsResident'),
  })
  .refine((v) => !!v.email || !!v.phone, { path: ['email'], message: keyMessage('invitationNeedsContact') });

/** Roles a colleague can be invited to; residents are invited from their unit (with their record). */
export const ZStaffRole = ZInviteRole.exclude(['RESIDENT']);
/** The invite-a-colleague form: ZCreateInvitation's fields for a staff role (no resident record). */
export const ZInviteColleagueForm = z.object(ZCreateInvitation.shape).omit({ residentId: true }).extend({ role: ZStaffRole });

// A new person sets a name and password; someone who already has an account accepts while
// signed in as that account (no password here: no password oracle for the token holder).
export const ZAcceptInvitation = z.object({
  token: z.string().min(20, keyMessage('invalidInvitationLink')).max(200),
  name: ZPersonName.optional(),
  password: ZPassword.optional(),
});

/** The accept form of a new person: a name and a password (the token comes from the link). */
export const ZAcceptInvitationForm = ZAcceptInvitation.pick({ name: true, password: true }).required();

export const ZLinkToken = z.string().min(20, keyMessage('linkInvalid')).max(200);

export const ZAuditQuery = z.object({
  entity: zText({ max: 50 }).optional(),
  action: zText({ max: 80 }).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});

/** Four-eyes approvals (waivers, discounts, refunds approved by someone else). */
export const ZApprovalSettings = z.object({ requireSecondApprover: z.boolean() });

export const ZLocale = z.enum(['zh-CN', 'en']);

export const ZCompanySettings = z.object({
  name: ZCompanyName.optional(),
  locale: ZLocale.optional(),
  timeZone: z
    .string()
    .max(60)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, keyMessage('unknownTimeZone'))
    .optional(),
});
/** The settings form: every field shown, so every field required. */
export const ZCompanySettingsForm = ZCompanySettings.required();

/** A company's phone as printed (a landline with its area code, a mobile, an extension). */
export const ZCompanyPhone = zText({ max: 40 }).refine((s) => s === '' || /^[0-9+\-() ]{3,40}$/.test(s), keyMessage('companyPhoneInvalid'));

/** What receipts and 催缴通知单 print besides the name (#17): address, phone and the seal. */
export const ZReceiptDetails = z.object({
  address: zText({ max: 200 }),
  phone: ZCompanyPhone,
  /** an upload of purpose "seal" to print as the seal; null removes the seal; absent keeps it */
  sealUploadId: z.uuid(keyMessage('uploadUnknown')).nullable().optional(),
});
