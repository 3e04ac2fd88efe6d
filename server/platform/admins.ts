import 'server-only';

// Platform operators: the e-mails listed in PLATFORM_ADMINS (comma-separated, any case). Read per
// call so a test or a restart with a new list takes effect without a rebuild.

export function platformAdmins(e: NodeJS.ProcessEnv = process.env): Set<string> {
  return new Set(
    (e.PLATFORM_ADMINS ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** A signed-in user with no e-mail (a phone account) is never an operator. */
export function isPlatformAdmin(email: string | null | undefined, e: NodeJS.ProcessEnv = process.env): boolean {
  const normalized = email?.trim().toLowerCase();
  return !!normalized && platformAdmins(e).has(normalized);
}
