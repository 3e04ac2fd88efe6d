import { z } from 'zod';
import { zName } from '../validation';
import { keyMessage } from '../error-key';

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
