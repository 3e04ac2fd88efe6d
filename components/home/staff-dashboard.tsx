import type { ReactNode } from 'react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { Role } from '@/server/db/generated/enums';
import { can } from '@/server/shared/permissions';
import { Card } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';

interface Counts {
  communities: number;
  units: number;
  residents: number;
}

/** Staff home: register counts, and the next steps for a company that is just starting. */
export async function StaffDashboard({ slug, role, userName, counts, fees }: { slug: string; role: Role; userName: string; counts: Counts; fees?: ReactNode }) {
  const t = await getTranslations('home.staff');
  const tRole = await getTranslations('enums.role');
  const tFees = await getTranslations('home.fees');
  const tWork = await getTranslations('workOrders');
  const writer = can(role, 'register.write');
  const stats = [
    { key: 'communities', value: counts.communities, href: `/${slug}/communities`, label: t('communities') },
    { key: 'units', value: counts.units, href: `/${slug}/units`, label: t('units') },
    { key: 'residents', value: counts.residents, href: `/${slug}/residents`, label: t('residents') },
  ];
  const steps = [
    { done: counts.communities > 0, text: t('stepCommunity'), href: `/${slug}/communities` },
    { done: counts.units > 0, text: t('stepUnits'), href: `/${slug}/import` },
    { done: false, text: t('stepMembers'), href: `/${slug}/members` },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold text-gray-900">{t('greeting', { name: userName })}</h1>
        <p className="mt-1 text-sm text-gray-500">{t('roleLine', { role: tRole(role) })}</p>
      </div>
      {fees}
      {(can(role, 'workorders.work') || can(role, 'workorders.board')) && (
        <Card title={tWork('title')} data-testid="work-orders-card">
          <p className="mb-3 text-sm text-gray-600">{tWork('home.body')}</p>
          <ButtonLink href={`/${slug}/work-orders`} className="h-11 sm:h-10">
            {tWork('home.open')}
          </ButtonLink>
        </Card>
      )}
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {stats.map((s) => (
          <Link
            key={s.key}
            href={s.href}
            data-testid={`stat-${s.key}`}
            className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm transition-colors hover:border-brand-500"
          >
            <p className="text-sm text-gray-500">{s.label}</p>
            <p className="mt-1 text-3xl font-semibold tabular-nums text-gray-900">{s.value.toLocaleString()}</p>
            <p className="mt-2 text-xs text-brand-700">{t('view')} →</p>
          </Link>
        ))}
      </div>
      {(writer || can(role, 'payments.record')) && (
        <Card title={t('quickActions')}>
          <div className="flex flex-wrap gap-2">
            {writer && (
              <>
                <ButtonLink href={`/${slug}/communities`} variant="secondary">
                  {t('addCommunity')}
                </ButtonLink>
                <ButtonLink href={`/${slug}/units`} variant="secondary">
                  {t('addUnit')}
                </ButtonLink>
                <ButtonLink href={`/${slug}/import`} variant="secondary">
                  {t('importUnits')}
                </ButtonLink>
              </>
            )}
            {can(role, 'payments.record') && (
              <ButtonLink href={`/${slug}/cashier`} variant={writer ? 'secondary' : 'primary'}>
                {tFees('cashierDesk')}
              </ButtonLink>
            )}
            {can(role, 'fees.manage') && (
              <ButtonLink href={`/${slug}/billing`} variant="secondary">
                {tFees('runBilling')}
              </ButtonLink>
            )}
            {can(role, 'members.manage') && (
              <ButtonLink href={`/${slug}/members`} variant="secondary">
                {t('inviteColleague')}
              </ButtonLink>
            )}
          </div>
          {writer && counts.units === 0 && (
            <ol className="mt-4 space-y-2 text-sm">
              {steps.map((s, i) => (
                <li key={i} className="flex items-center gap-2">
                  <span
                    className={`flex size-5 items-center justify-center rounded-full text-xs ${s.done ? 'bg-brand-600 text-white' : 'bg-gray-200 text-gray-700'}`}
                    aria-hidden
                  >
                    {s.done ? '✓' : i + 1}
                  </span>
                  <Link href={s.href} className={s.done ? 'text-gray-500 line-through' : 'text-brand-700 hover:underline'}>
                    {s.text}
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </Card>
      )}
    </div>
  );
}
