import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum profile).
export const hashPassword = (plain: string) => hash(plain);

// A hash of a random password with the same parameters: an unknown e-mail is checked against
// it, so sign-in takes as long for unknown e-mails as for known ones (no timing oracle).
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$PsJqGypYhTPCVf8jiRC3eg$R4oYLQ32gu6csQQ6r3WUVbpIro8gKHIhq5wWT/m0aH0';

export async function verifyPassword(hashed: string | null | undefined, plain: string): Promise<boolean> {
  try {
    // No hash (an account that never set a password): still spend the time of a check.
    const ok = await verify(hashed || DUMMY_HASH, plain);
    return ok && !!hashed;
  } catch {
    return false;
  }
}
