import { useLocale } from 'next-intl';
import { formatFen } from '@/server/shared/money';
import { useTenant } from './tenant-context';

/** A date and time in the company's time zone, e.g. 2026-11-25 18:04. */
export function formatDateTime(value: Date | string, timeZone: string, locale: string, withSeconds = false) {
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(d);
}

export function formatDate(value: Date | string, timeZone: string, locale: string) {
  const d = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Date formatters bound to the company's time zone and the user's language. */
export function useCompanyTime() {
  const { timeZone } = useTenant();
  const locale = useLocale();
  return {
    timeZone,
    dateTime: (v: Date | string, withSeconds = false) => formatDateTime(v, timeZone, locale, withSeconds),
    date: (v: Date | string) => formatDate(v, timeZone, locale),
  };
}

/** Fen (integer minor units from the API) as money in the company's currency, e.g. ¥1,234.50. */
export { formatFen } from '@/server/shared/money';

/** A money formatter bound to the company's currency and the user's language. */
export function useMoney() {
  const { currency } = useTenant();
  const locale = useLocale();
  return (fen: number) => formatFen(fen, currency, locale);
}

/** A rate (0…1) as a percentage with two decimals; "—" when there is no denominator. */
export function formatRate(rate: number | null, locale: string) {
  if (rate == null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(rate);
}
