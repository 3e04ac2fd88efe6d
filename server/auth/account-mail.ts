import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { enqueueAccountMessage } from '../db/system';
import { appUrl } from '../env';

// E-mails about an account itself (no company in scope): written to AccountMessage through
// a SECURITY DEFINER function and delivered by the outbox job. Both languages in one mail:
// the recipient may have no account (yet) to hold a language choice.

export type AccountMail =
  | { kind: 'sign-up-link'; to: string; token: string }
  | { kind: 'sign-up-existing'; to: string }
  | { kind: 'reset-link'; to: string; token: string }
  | { kind: 'daily-cap'; to: string };

export interface SentMail {
  to: string;
  subject: string;
  /** the link the mail carries, if any */
  link: string | null;
}

function compose(m: AccountMail): { subject: string; body: string; link: string | null } {
  const base = appUrl();
  switch (m.kind) {
    case 'sign-up-link': {
      const link = `${base}/sign-up/confirm/${m.token}`;
      return {
        subject: '确认注册邻里 / Confirm your Linli sign-up',
        body: `打开此链接创建您的公司账号（24 小时内有效）：\n${link}\n\nOpen this link to create your company's account (valid for 24 hours):\n${link}\n`,
        link,
      };
    }
    case 'sign-up-existing': {
      const link = `${base}/sign-in`;
      return {
        subject: '您已有邻里账号 / You already have a Linli account',
        body: `有人用此邮箱注册邻里，但它已有账号。请登录后在“我的公司”中添加公司；忘记密码可重设：${base}/forgot-password\n\nSomeone tried to register with this e-mail, which already has a Linli account. Sign in (${link}) and add the company from "My companies"; forgot your password? ${base}/forgot-password\n`,
        link,
      };
    }
    case 'reset-link': {
      const link = `${base}/reset-password/${m.token}`;
      return {
        subject: '重设邻里密码 / Reset your Linli password',
        body: `打开此链接设置新密码（30 分钟内有效，仅可使用一次）：\n${link}\n如非本人操作，请忽略此邮件。\n\nOpen this link to set a new password (valid for 30 minutes, once):\n${link}\nIf you did not ask for this, ignore this e-mail.\n`,
        link,
      };
    }
    case 'daily-cap':
      return {
        subject: '邻里账号登录失败次数过多 / Many failed sign-ins on your Linli account',
        body: `今天您的账号已有 50 次以上密码错误的尝试，登录已放慢。如非本人，请考虑重设密码：${base}/forgot-password\n\nYour account has had 50 or more failed password attempts today; sign-in is slowed down. If this was not you, consider resetting your password: ${base}/forgot-password\n`,
        link: null,
      };
  }
}

export async function sendAccountMail(db: PrismaClient | TenantDb, m: AccountMail): Promise<SentMail> {
  const { subject, body, link } = compose(m);
  await enqueueAccountMessage(db, { recipient: m.to, subject, body });
  return { to: m.to, subject, link };
}
