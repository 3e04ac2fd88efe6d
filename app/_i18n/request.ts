import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from '@/server/shared/locale';
import { getDatabase } from '@/server/db';
import { currentSession } from '@/server/auth/session';

// Message files, one per namespace: app/_i18n/messages/<locale>/<namespace>.json.
export const NAMESPACES = [
  'common',
  'enums',
  'errors',
  'landing',
  'auth',
  'companies',
  'shell',
  'home',
  'communities',
  'units',
  'residents',
  'import',
  'members',
  'audit',
  'settings',
  'fees',
  'billing',
  'cashier',
  'collection',
  'myBills',
  'myHousehold',
  'notifications',
  'onlinePayments',
  'platform',
  'street',
  'services',
  'stations',
  'announcements',
  'workOrders',
  'myRequests',
  'reports',
] as const;

// The language: the user's choice on this device (cookie), else the choice saved on their
// account, else the company's default when the URL names a company, else Chinese.
async function savedLocale(): Promise<Locale | undefined> {
  try {
    const s = await currentSession();
    if (!s) return undefined;
    const db = await getDatabase();
    const u = await db.prisma.user.findUnique({ where: { id: s.userId }, select: { locale: true } });
    return isLocale(u?.locale) ? u.locale : undefined;
  } catch {
    return undefined;
  }
}

async function companyLocale(): Promise<Locale | undefined> {
  const path = (await headers()).get('x-linli-path') ?? '';
  const slug = path.split('/')[1];
  if (!slug || !/^[a-z0-9-]{3,40}$/.test(slug)) return undefined;
  try {
    const db = await getDatabase();
    const t = await db.prisma.tenant.findUnique({ where: { slug }, select: { locale: true } });
    return isLocale(t?.locale) ? t.locale : undefined;
  } catch {
    return undefined;
  }
}

export async function loadMessages(locale: Locale) {
  const entries = await Promise.all(NAMESPACES.map(async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default] as const));
  return Object.fromEntries(entries);
}

export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = isLocale(chosen) ? chosen : ((await savedLocale()) ?? (await companyLocale()) ?? DEFAULT_LOCALE);
  return { locale, messages: await loadMessages(locale), timeZone: 'Asia/Shanghai' };
});
