'use client';
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge';

export function EscalationStatusBadge({ status }: { status: 'OPEN' | 'HANDLED' }) {
  const t = useTranslations('street.status');
  return <Badge tone={status === 'OPEN' ? 'amber' : 'green'}>{t(status)}</Badge>;
}
