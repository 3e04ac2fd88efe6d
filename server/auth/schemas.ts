import { z } from 'zod';

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

export const ZPersonName = z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters');

export const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1, 'Password is required').max(200) });
