'use client';
import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/components/ui/badge';

export type BillStatus = 'OPEN' | 'PARTLY_PAID' | 'PAID' | 'VOID';
const TONE: Record<BillStatus, BadgeTone> = { OPEN: 'amber', PARTLY_PAID: 'blue', PAID: 'green', VOID: 'gray' };

export function BillStatusBadge({ status, overdue }: { status: BillStatus; overdue?: boolean }) {
  const t = useTranslations('enums.billStatus');
  return (
    <span data-testid="bill-status" data-status={status}>
      <Badge tone={overdue && status !== 'PAID' && status !== 'VOID' ? 'red' : TONE[status]}>{t(status)}</Badge>
    </span>
  );
}
