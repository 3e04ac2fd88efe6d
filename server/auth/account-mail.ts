import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { enqueueAccountMail } from '../notifications/outbox';
import { appUrl } from '../env';
import { serverTranslator } from '../i18n/translator';

// E-mails about an account itself (no company in scope): written to AccountMessage by the
// outbox writer (server/notifications/outbox.ts) and delivered by the outbox job. Both
// languages in one mail: the recipient may have no account (yet) to hold a language choice.

export type AccountMail =
  | { kind: 'sign-up-link'; to: string; token: string }
  | { kind: 'sign-up-existing'; to: string }
  | { kind: 'reset-link'; to: string; token: string }
  | { kind: 'daily-cap'; to: string }
  /** a new street-office liaison (made at /platform) sets a first password with a reset link */
  | { kind: 'liaison-welcome'; to: string; token: string; office: string };

export interface SentMail {
  to: string;
  subject: string;
  /** the link the mail carries, if any */
  link: string | null;
}

/** One mail in both languages (Chinese first), from server.json's mail.* in each catalog. */
export function composeAccountMail(m: AccountMail): { subject: string; body: string; link: string | null } {
  const base = appUrl();
  const forgot = `${base}/forgot-password`;
  const [key, link, params] =
    m.kind === 'sign-up-link'
      ? (['signUpLink', `${base}/sign-up/confirm/${m.token}`, {}] as const)
      : m.kind === 'sign-up-existing'
        ? (['signUpExisting', `${base}/sign-in`, {}] as const)
        : m.kind === 'reset-link'
          ? (['resetLink', `${base}/reset-password/${m.token}`, {}] as const)
          : m.kind === 'liaison-welcome'
            ? (['liaisonWelcome', `${base}/reset-password/${m.token}`, { office: m.office }] as const)
            : (['dailyCap', null, {}] as const);
  const values = { ...params, link: link ?? '', signIn: `${base}/sign-in`, forgot };
  const zh = serverTranslator('zh-CN');
  const en = serverTranslator('en');
  return {
    subject: `${zh(`mail.${key}.subject`)} / ${en(`mail.${key}.subject`)}`,
    body: `${zh(`mail.${key}.body`, values)}\n\n${en(`mail.${key}.body`, values)}\n`,
    link: m.kind === 'daily-cap' ? null : link,
  };
}

export async function sendAccountMail(db: PrismaClient | TenantDb, m: AccountMail): Promise<SentMail> {
  const { subject, body, link } = composeAccountMail(m);
  await enqueueAccountMail(db, { recipient: m.to, subject, body });
  return { to: m.to, subject, link };
}
