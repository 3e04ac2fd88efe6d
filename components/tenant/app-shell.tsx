'use client';
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { LanguageSwitcher } from '@/components/i18n/language-switcher';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { Logo } from '@/components/ui/logo';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { NAV_GROUPS, type NavItem } from './nav-items';
import { NavBadge } from './nav-badge';
import { useTenant } from './tenant-context';
import type { ShellCounts } from './load-company';

const permitted = (member: Parameters<typeof can>[0], item: NavItem) =>
  !item.permission || (Array.isArray(item.permission) ? item.permission.some((p) => can(member, p)) : can(member, item.permission));

/** Header, role-based navigation in groups (a drop-down menu on phones) and the page. */
export function AppShell({ userName, counts, children }: { userName: string; counts?: ShellCounts; children: ReactNode }) {
  const company = useTenant();
  const t = useTranslations('shell');
  const tRole = useTranslations('enums.role');
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);

  const base = `/${company.slug}`;
  const groups = NAV_GROUPS.map((g) => ({ ...g, items: g.items.filter((i) => permitted(company, i)) })).filter((g) => g.items.length > 0);
  const matches = (path: string) => (path === '' ? pathname === base : pathname === base + path || pathname.startsWith(`${base + path}/`));
  // The longest matching item is the current one (/work-orders/return-visits is 回访, not 工单 too).
  const current = groups
    .flatMap((g) => g.items)
    .reduce<string | null>((best, i) => (matches(i.path) && (best === null || i.path.length > best.length) ? i.path : best), null);
  const isActive = (path: string) => path === current;
  const label = (key: NavItem['key']) => (key === 'home' && company.role === 'RESIDENT' ? t('nav.myHome') : t(`nav.${key}`));

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-semibold text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {t('skipToContent')}
      </a>
      <header className="sticky top-0 z-20 border-b border-gray-200 bg-white/95 backdrop-blur no-print">
        <div className="flex h-14 items-center gap-3 px-3 sm:px-5">
          <button
            type="button"
            className="-ml-1 rounded-md border border-gray-300 px-2 py-1 text-sm text-gray-700 md:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('menu')}
          </button>
          <Link href={base} className="flex min-w-0 items-center gap-2">
            <Logo className="hidden sm:flex" />
            <span className="truncate text-sm font-semibold text-gray-900 sm:border-l sm:border-gray-200 sm:pl-3" data-testid="company-name">
              {company.name}
            </span>
          </Link>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <Link href="/companies" className="hidden text-sm text-brand-700 hover:underline sm:inline">
              {t('switchCompany')}
            </Link>
            <NotificationBell initial={counts?.unread ?? undefined} />
            <LanguageSwitcher signedIn />
            <div className="flex items-center gap-2" data-testid="user-menu">
              <span className="hidden max-w-40 truncate text-sm text-gray-700 lg:inline" title={userName}>
                {userName}
                <span className="ml-1 text-xs text-gray-500">· {tRole(company.role)}</span>
              </span>
              <SignOutButton />
            </div>
          </div>
        </div>
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <nav
          id="main-nav"
          data-testid="nav"
          aria-label={t('navLabel')}
          className={`${menuOpen ? 'block' : 'hidden'} border-b border-gray-200 bg-white md:block md:w-52 md:shrink-0 md:border-r md:border-b-0 no-print`}
        >
          <div className="max-h-[calc(100dvh-3.5rem)] overflow-y-auto p-2 md:sticky md:top-14">
            {groups.map((g) => (
              <section
                key={g.key}
                aria-labelledby={g.key === 'main' ? undefined : `nav-group-${g.key}`}
                className={g.key === 'main' ? '' : 'mt-2 border-t border-gray-100 pt-2 md:border-t-0 md:pt-1'}
              >
                {g.key !== 'main' && (
                  <h2 id={`nav-group-${g.key}`} className="px-3 pb-1 text-xs font-semibold tracking-wide text-gray-500">
                    {t(`groups.${g.key}`)}
                  </h2>
                )}
                <ul className="grid grid-cols-2 gap-0.5 sm:grid-cols-3 md:flex md:flex-col">
                  {g.items.map((i) => (
                    <li key={i.key}>
                      <Link
                        href={base + i.path}
                        aria-current={isActive(i.path) ? 'page' : undefined}
                        onClick={() => setMenuOpen(false)}
                        className={`block rounded-md px-3 py-2 text-sm md:py-1.5 ${isActive(i.path) ? 'bg-brand-50 font-semibold text-brand-700' : 'text-gray-700 hover:bg-gray-100'}`}
                      >
                        {label(i.key)}
                        <NavBadge navKey={i.key} initial={counts?.pending ?? undefined} />
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
            <div className="mt-2 border-t border-gray-100 pt-2 md:hidden">
              <p className="px-3 pb-1 text-xs text-gray-500">
                {userName} · {tRole(company.role)}
              </p>
              <Link href="/companies" className="block rounded-md px-3 py-2 text-sm text-gray-700 hover:bg-gray-100">
                {t('switchCompany')}
              </Link>
            </div>
          </div>
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-3 py-4 focus:outline-none sm:px-6 sm:py-6">
          <div className="mx-auto max-w-6xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
