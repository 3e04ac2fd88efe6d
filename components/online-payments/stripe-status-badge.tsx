'use client';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';

export type StripeStatus = 'NOT_CONNECTED' | 'PENDING' | 'READY';
const TONE: Record<StripeStatus, BadgeTone> = { NOT_CONNECTED: 'gray', PENDING: 'amber', READY: 'green' };

/** A company's Stripe account: 未连接 / 开通中 / 已开通. */
export function StripeStatusBadge({ status }: { status: string }) {
  const t = useTranslations('enums.stripeAccountStatus');
  const s = (status in TONE ? status : 'NOT_CONNECTED') as StripeStatus;
  return (
    <span data-testid="stripe-status" data-status={s}>
      <Badge tone={TONE[s]}>{t(s)}</Badge>
    </span>
  );
}
