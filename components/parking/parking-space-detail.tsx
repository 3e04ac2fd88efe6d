'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTenant } from '@/components/tenant/tenant-context';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { Badge } from '@/components/ui/badge';
import { Alert } from '@/components/ui/alert';
import { PayerAccount } from '@/components/payments/payer-account';

type Space = RouterOutputs['parking']['get'];

/**
 * A parking space's page: who pays for it and that payer's account. A space tied to a unit is
 * billed to the unit's household, so its account is the unit's (one account per payer).
 */
export function ParkingSpaceDetail({ space: s }: { space: Space }) {
  const t = useTranslations('fees.parking');
  const tc = useTranslations('common');
  const ta = useTranslations('cashier.account');
  const { slug } = useTenant();
  return (
    <div className="space-y-5">
      <PageHeader
        back={
          <Link href={`/${slug}/parking`} className="text-brand-700 hover:underline">
            ← {t('title')}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {ta('spaceHeading', { community: s.community.name, label: s.label })}
            {s.archived && <Badge>{tc('archived')}</Badge>}
          </span>
        }
      />
      <Card title={ta('spaceDetails')}>
        <DetailList
          items={[
            { label: t('columns.community'), value: s.community.name },
            { label: t('columns.number'), value: s.number },
            {
              label: t('columns.payer'),
              value: s.unit ? (
                <Link href={`/${slug}/units/${s.unit.id}`} className="text-brand-700 hover:underline">
                  {s.unit.label}
                </Link>
              ) : (
                s.renterName || '—'
              ),
            },
            ...(s.unit ? [] : [{ label: t('columns.contact'), value: [s.renterPhone, s.renterEmail].filter(Boolean).join(' · ') || '—' }]),
          ]}
        />
      </Card>
      {s.unit && <Alert tone="info">{ta('spaceTied', { unit: s.unit.label })}</Alert>}
      <PayerAccount payer={s.payer} />
    </div>
  );
}
