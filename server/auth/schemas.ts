import { z } from 'zod';
import { zName } from '../validation';

export const ZEmail = z
  .string()
  .trim()
  .min(1, 'E-mail is required')
  .max(254)
  .pipe(z.email('Not a valid e-mail address'))
  .transform((s) => s.toLowerCase());

export const ZPassword = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(200, 'Password must be at most 200 characters');

export const ZPersonName = zName({ max: 100, what: 'Name' });

export const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1, 'Password is required').max(200) });

export const ZChangePassword = z.object({ currentPassword: z.string().min(1, 'Password is required').max(200), newPassword: ZPassword });

export const ZRequestPasswordReset = z.object({ email: ZEmail });

export const ZResetPassword = z.object({ token: z.string().min(20, 'Invalid link').max(200), password: ZPassword });
