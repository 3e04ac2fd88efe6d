'use client';
import { useTranslations } from 'next-intl';

type ShownPrice = { price: string; tiers: { upTo: string | null; price: string }[] | null };

/** "¥2.3550 /m²/month", "¥150.0000 /month", or tiers "¥3.10 ≤180, ¥5.30 above". */
export function usePriceText() {
  const t = useTranslations('fees.price');
  return (calc: string, p: ShownPrice) => {
    if (p.tiers?.length)
      return p.tiers.map((x) => (x.upTo === null ? t('tierAbove', { price: x.price }) : t('tierUpTo', { price: x.price, upTo: x.upTo }))).join('; ');
    const unit = calc === 'PER_AREA' ? t('perAreaShort') : calc === 'METERED' ? t('perUseShort') : t('perObjectShort');
    return `¥${p.price}${unit}`;
  };
}
