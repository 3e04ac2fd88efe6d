import { z } from 'zod';
import { zName } from '../validation';
import { keyMessage } from '../error-key';
import { normalizePhone } from '../phone';

export const ZEmail = z
  .string()
  .trim()
  .min(1, keyMessage('required', { what: 'email' }))
  .max(254)
  .pipe(z.email(keyMessage('emailInvalid')))
  .transform((s) => s.toLowerCase());

export const ZPassword = z
  .string()
  .min(8, keyMessage('tooShortNamed', { what: 'password', min: 8 }))
  .max(200, keyMessage('tooLongNamed', { what: 'password', max: 200 }));

export const ZPersonName = zName({ max: 100, what: 'name' });

export const ZSignIn = z.object({
  email: ZEmail,
  password: z
    .string()
    .min(1, keyMessage('required', { what: 'password' }))
    .max(200),
});

export const ZChangePassword = z.object({
  currentPassword: z
    .string()
    .min(1, keyMessage('required', { what: 'password' }))
    .max(200),
  newPassword: ZPassword,
});

export const ZRequestPasswordReset = z.object({ email: ZEmail });

export const ZResetPassword = z.object({ token: z.string().min(20, keyMessage('linkInvalid')).max(200), password: ZPassword });
/** The reset form: the new password (the token comes from the link). */
export const ZResetPasswordForm = ZResetPassword.pick({ password: true });

// ── Sign-in by phone (issue #14) ──────────────────────────────────────────────

/** A mainland mobile number as typed (`138 0013 8000`, `+86 …`) → its 11 digits. */
export const ZMobilePhone = z
  .string()
  .trim()
  .min(1, keyMessage('phoneInvalid'))
  .max(30, keyMessage('phoneInvalid'))
  .transform((s, ctx) => {
    const phone = normalizePhone(s);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: keyMessage('phoneInvalid') });
      return z.NEVER;
    }
    return phone;
  });

export const ZPhoneCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, keyMessage('codeFormat'));

export const ZRequestPhoneCode = z.object({ phone: ZMobilePhone });
export const ZPhoneCodeSignIn = z.object({ phone: ZMobilePhone, code: ZPhoneCode });
export const ZPhonePasswordSignIn = z.object({
  phone: ZMobilePhone,
  password: z
    .string()
    .min(1, keyMessage('required', { what: 'password' }))
    .max(200),
});
/** A first password for an account made by phone (no current password to give). */
export const ZSetFirstPassword = z.object({ newPassword: ZPassword });
