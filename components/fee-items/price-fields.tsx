'use client';
import { useTranslations } from 'next-intl';
import type { PriceFormValue } from '@/server/shared/schemas/billing';
import { TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { Button } from '@/components/ui/button';

// A price in yuan with up to 4 decimals (¥2.3550), from a period on; a metered item may have
// tiers (阶梯): each up to a cumulative quantity per cycle, the last without a bound. The rules
// are the server's (ZPriceInput, through the form's schema); this only lays the block out.

export type PriceValue = PriceFormValue;

export const emptyPrice = (period: string): PriceValue => ({
  effectiveFrom: period,
  price: '',
  tiered: false,
  tiers: [
    { upTo: '', price: '' },
    { upTo: '', price: '' },
  ],
});

export function PriceFields({ calc, value, onChange, error }: { calc: string; value: PriceValue; onChange: (v: PriceValue) => void; error?: string }) {
  const t = useTranslations('fees.price');
  const metered = calc === 'METERED';
  const set = (patch: Partial<PriceValue>) => onChange({ ...value, ...patch });
  const setTier = (i: number, patch: Partial<PriceValue['tiers'][number]>) => set({ tiers: value.tiers.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const unit = calc === 'PER_AREA' ? t('perArea') : calc === 'METERED' ? t('perUse') : t('perObject');
  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('effectiveFrom')}
          type="month"
          required
          value={value.effectiveFrom}
          hint={t('effectiveFromHint')}
          onChange={(e) => set({ effectiveFrom: e.target.value })}
        />
        {!(metered && value.tiered) && (
          <TextField
            label={t('price', { unit })}
            required
            inputMode="decimal"
            placeholder="2.3550"
            value={value.price}
            hint={t('priceHint')}
            onChange={(e) => set({ price: e.target.value })}
          />
        )}
      </div>
      {metered && <Checkbox label={t('tiered')} checked={value.tiered} onChange={(e) => set({ tiered: e.target.checked })} />}
      {metered && value.tiered && (
        <fieldset className="space-y-2">
          <legend className="text-xs text-gray-500">{t('tiersHint')}</legend>
          {value.tiers.map((tier, i) => {
            const last = i === value.tiers.length - 1;
            return (
              <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
                <TextField
                  label={t('upTo', { n: i + 1 })}
                  inputMode="decimal"
                  disabled={last}
                  placeholder={last ? t('unbounded') : '180'}
                  value={last ? '' : tier.upTo}
                  onChange={(e) => setTier(i, { upTo: e.target.value })}
                />
                <TextField
                  label={t('tierPrice', { n: i + 1 })}
                  inputMode="decimal"
                  placeholder="3.10"
                  value={tier.price}
                  onChange={(e) => setTier(i, { price: e.target.value })}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={value.tiers.length <= 1}
                  onClick={() => set({ tiers: value.tiers.filter((_, k) => k !== i) })}
                  aria-label={t('removeTier', { n: i + 1 })}
                >
                  ×
                </Button>
              </div>
            );
          })}
          <Button
            variant="secondary"
            size="sm"
            disabled={value.tiers.length >= 10}
            onClick={() => set({ tiers: [...value.tiers.slice(0, -1), { upTo: '', price: '' }, value.tiers[value.tiers.length - 1]!] })}
          >
            {t('addTier')}
          </Button>
        </fieldset>
      )}
      {error && (
        <p className="text-xs text-red-600" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
