'use client';
import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTenant } from '@/components/tenant/tenant-context';
import { Badge } from '@/components/ui/badge';
import { formatDayHours, localParts, WEEKDAYS, type Interval } from '@/server/shared/opening-hours';

export type Station = RouterOutputs['stations']['list'][number];

/** "until 20:00" / "opens Mon 08:00": the next change in the company's zone (a date when not within a week). */
export function useOpenText() {
  const t = useTranslations('stations');
  const locale = useLocale();
  const { timeZone } = useTenant();
  return (s: Pick<Station, 'openNow' | 'changesAt'>) => {
    if (!s.changesAt) return s.openNow ? t('openNow') : t('closedNow');
    const at = new Date(s.changesAt);
    const now = new Date();
    const sameDay = localParts(at, timeZone).date === localParts(now, timeZone).date;
    const soon = at.getTime() - now.getTime() < 6 * 86_400_000;
    const when = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      ...(sameDay ? {} : soon ? { weekday: 'short' } : { month: 'numeric', day: 'numeric' }),
    }).format(at);
    return s.openNow ? t('openUntil', { when }) : t('opensAt', { when });
  };
}

export function OpenBadge({ station }: { station: Pick<Station, 'openNow' | 'changesAt'> }) {
  const t = useTranslations('stations');
  const text = useOpenText();
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm" data-testid="station-open-state">
      <Badge tone={station.openNow ? 'green' : 'gray'}>{station.openNow ? t('open') : t('closed')}</Badge>
      <span className="text-gray-600">{text(station)}</span>
    </span>
  );
}

/** The weekly hours, one line per weekday, and the coming exceptions. */
export function HoursTable({ station }: { station: Pick<Station, 'weeklyHours' | 'exceptions'> }) {
  const t = useTranslations('stations');
  const { timeZone } = useTenant();
  const today = localParts(new Date(), timeZone).date;
  const coming = station.exceptions.filter((e) => e.date >= today).slice(0, 5);
  const day = (h: readonly Interval[] | undefined) => (h && h.length ? formatDayHours(h) : t('closedDay'));
  return (
    <div className="text-sm">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {WEEKDAYS.map((d) => (
          <div key={d} className="contents">
            <dt className="text-gray-500">{t(`weekdays.${d}`)}</dt>
            <dd className="tabular-nums text-gray-800">{day(station.weeklyHours[d])}</dd>
          </div>
        ))}
      </dl>
      {coming.length > 0 && (
        <div className="mt-2">
          <p className="text-xs font-medium text-gray-500">{t('exceptionsComing')}</p>
          <ul className="text-xs text-gray-700">
            {coming.map((e) => (
              <li key={e.date} className="tabular-nums">
                {e.date}: {day(e.hours)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** One station as residents and staff see it: open now, place, hours, what it offers (and more for staff). */
export function StationCard({
  station,
  communityName,
  extra,
  actions,
}: {
  station: Station;
  communityName?: (id: string) => string;
  extra?: ReactNode;
  actions?: ReactNode;
}) {
  const t = useTranslations('stations');
  return (
    <article className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="station-card">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-gray-900">
            {station.name}
            {station.archived && (
              <span className="ml-2 align-middle">
                <Badge>{t('archived')}</Badge>
              </span>
            )}
          </h3>
          {station.place && <p className="text-sm text-gray-600">{station.place}</p>}
          {communityName && <p className="text-xs text-gray-500">{station.communityIds.map(communityName).join('、')}</p>}
        </div>
        {actions && <div className="flex flex-wrap gap-1">{actions}</div>}
      </header>
      <div className="mt-2">
        <OpenBadge station={station} />
      </div>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div>
          <h4 className="mb-1 text-xs font-medium tracking-wide text-gray-500 uppercase">{t('hours')}</h4>
          <HoursTable station={station} />
        </div>
        <div>
          <h4 className="mb-1 text-xs font-medium tracking-wide text-gray-500 uppercase">{t('offers')}</h4>
          {station.items.length ? (
            <ul className="flex flex-wrap gap-1.5">
              {station.items.map((i) => (
                <li key={i.id}>
                  <Badge tone="blue">{i.name}</Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-gray-500">{t('offersNothing')}</p>
          )}
          {station.staff.length > 0 && (
            <p className="mt-2 text-sm text-gray-700">
              <span className="text-gray-500">{t('onDuty')}: </span>
              {station.staff.map((s) => s.name).join('、')}
            </p>
          )}
        </div>
      </div>
      {extra}
    </article>
  );
}
