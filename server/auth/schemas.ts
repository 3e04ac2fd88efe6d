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
