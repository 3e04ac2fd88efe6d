'use client';
import { useLocale, useTranslations } from 'next-intl';
import { formatDateTime } from '@/components/tenant/format';

// Street offices are in China: their times are Beijing time (like /platform's).
export const STREET_TZ = 'Asia/Shanghai';

/** Times in Beijing time and an escalation's age ("3 h", "2 d") in the user's language. */
export function useStreetFormat() {
  const locale = useLocale();
  const t = useTranslations('street.age');
  return {
    time: (v: Date | string) => formatDateTime(v, STREET_TZ, locale),
    /** From `from` until `to` (now by default), in the largest whole unit. */
    age: (from: Date | string, to: Date | string | null = null) => {
      const ms = Math.max(0, (to ? new Date(to) : new Date()).getTime() - new Date(from).getTime());
      const minutes = Math.floor(ms / 60_000);
      if (minutes < 60) return t('minutes', { n: minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return t('hours', { n: hours });
      return t('days', { n: Math.floor(hours / 24) });
    },
  };
}
