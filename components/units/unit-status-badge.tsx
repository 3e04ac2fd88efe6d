'use client';
import { useTranslations } from 'next-intl';
import type { UnitStatus } from '@/server/db/generated/enums';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const TONE: Record<UnitStatus, BadgeTone> = { OCCUPIED: 'green', VACANT: 'gray', RENOVATION: 'amber' };

export function UnitStatusBadge({ status }: { status: UnitStatus }) {
  const t = useTranslations('enums.unitStatus');
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
