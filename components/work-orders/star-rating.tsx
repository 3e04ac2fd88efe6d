'use client';
import { useId } from 'react';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';

/** 1–5 stars as a radio group (keyboard and screen readers work as with any radios). */
export function StarRating({ label, value, onChange, error }: { label: string; value: number | null; onChange: (n: number) => void; error?: string }) {
  const t = useTranslations('workOrders.stars');
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium text-gray-700">{label}</legend>
      <div className="flex gap-1" role="radiogroup" aria-label={label}>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="cursor-pointer">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="peer sr-only"
              aria-label={t('value', { n })}
            />
            <span
              aria-hidden
              className={cn(
                'flex size-11 items-center justify-center rounded-md text-3xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-brand-500',
                value !== null && n <= value ? 'text-amber-500' : 'text-gray-300',
              )}
            >
              ★
            </span>
          </label>
        ))}
        {value !== null && <span className="self-center text-sm text-gray-700">{t('value', { n: value })}</span>}
      </div>
      {error && (
        <p className="mt-1 text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A given rating, read-only: "★★★★☆ 4 星". */
export function Stars({ rating }: { rating: number }) {
  const t = useTranslations('workOrders.stars');
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden className="text-amber-500">
        {'★'.repeat(rating)}
        <span className="text-gray-300">{'★'.repeat(5 - rating)}</span>
      </span>
      <span className="text-sm text-gray-700">{t('value', { n: rating })}</span>
    </span>
  );
}
