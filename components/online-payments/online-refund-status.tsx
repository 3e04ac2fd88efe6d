'use client';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONES: Record<string, BadgeTone> = {
  PENDING_APPROVAL: 'amber',
  REQUESTED: 'blue',
  SUCCEEDED: 'green',
  FAILED: 'red',
  REJECTED: 'gray',
};

/** An online refund's status in words and colour. */
export function OnlineRefundStatusBadge({ status }: { status: 'PENDING_APPROVAL' | 'REQUESTED' | 'SUCCEEDED' | 'FAILED' | 'REJECTED' }) {
  const t = useTranslations('cashier.onlineRefunds.status');
  return <Badge tone={TONES[status] ?? 'gray'}>{t(status)}</Badge>;
}
