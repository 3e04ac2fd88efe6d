import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { RouterOutputs } from '@/components/api-types';
import { EmptyState } from '@/components/ui/empty-state';
import { UnitStatusBadge } from '@/components/units/unit-status-badge';
import { ServicesCard } from '@/components/my-requests/services-card';

type MyUnit = RouterOutputs['property']['listMyUnits'][number];

/** A resident's homes, one card each; made for a phone screen first. */
export async function ResidentHomes({
  units,
  userName,
  fees,
  slug,
  announcements,
}: {
  units: MyUnit[];
  userName: string;
  fees?: ReactNode;
  slug?: string;
  /** the notices of the resident's communities (components/announcements) */
  announcements?: ReactNode;
}) {
  const t = await getTranslations('home.resident');
  const tKind = await getTranslations('enums.residentKind');
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-lg font-semibold text-gray-900">{t('greeting', { name: userName })}</h1>
      <p className="mt-1 text-sm text-gray-500">{t('intro')}</p>
      {announcements && <div className="mt-4">{announcements}</div>}
      {fees && <div className="mt-4">{fees}</div>}
      {slug && units.length > 0 && (
        <div className="mt-4">
          <ServicesCard slug={slug} />
        </div>
      )}
      {units.length === 0 ? (
        <div className="mt-4">
          <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
        </div>
      ) : (
        <ul className="mt-4 space-y-3">
          {units.map((u) => (
            <li key={`${u.unitId}-${u.kind}`} data-testid="unit-card" className="rounded-xl border border-gray-200 bg-white p-4 shadow-sm">
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <p className="text-base font-semibold text-gray-900">{u.community}</p>
                  {u.address && <p className="mt-0.5 truncate text-xs text-gray-500">{u.address}</p>}
                </div>
                <UnitStatusBadge status={u.status} />
              </div>
              <p className="mt-3 text-2xl font-semibold tracking-tight text-gray-900">
                {u.building} <span className="text-brand-700">{u.entrance ? `${u.entrance}-${u.number}` : u.number}</span>
              </p>
              <dl className="mt-3 grid grid-cols-3 gap-2 border-t border-gray-100 pt-3 text-sm">
                <div>
                  <dt className="text-xs text-gray-500">{t('floor')}</dt>
                  <dd className="font-medium">{t('floorValue', { floor: u.floor })}</dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">{t('area')}</dt>
                  <dd className="font-medium">{u.area} m²</dd>
                </div>
                <div>
                  <dt className="text-xs text-gray-500">{t('relation')}</dt>
                  <dd className="font-medium">{tKind(u.kind)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
