'use client';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button, ButtonLink } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Loading } from '@/components/ui/empty-state';

/**
 * The resident's "Pay" action: to my bills (tick bills, pay online) when the company takes online
 * payment; otherwise how and where to pay at the office.
 */
export function PayButton({ className = '', full }: { className?: string; full?: boolean }) {
  const t = useTranslations('myBills.pay');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const online = useQuery(trpc.myBills.getHowToPay.queryOptions({ tenant: slug })).data?.online === true;
  const [open, setOpen] = useState(false);
  if (online)
    return (
      <ButtonLink href={`/${slug}/my-bills`} className={`${full ? 'w-full' : ''} ${className}`} data-testid="pay-button">
        {t('button')}
      </ButtonLink>
    );
  return (
    <>
      <Button onClick={() => setOpen(true)} className={`${full ? 'w-full' : ''} ${className}`} data-testid="pay-button">
        {t('button')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('title')}>
        {open && <HowToPay />}
      </Dialog>
    </>
  );
}

function HowToPay() {
  const t = useTranslations('myBills.pay');
  const tMethod = useTranslations('enums.paymentMethod');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const q = useQuery(trpc.myBills.getHowToPay.queryOptions({ tenant: slug }));
  if (q.isPending) return <Loading label={t('loading')} />;
  if (!q.data) return <p className="text-sm text-gray-600">{t('fallback')}</p>;
  const d = q.data;
  return (
    <div className="space-y-3 text-sm text-gray-700" data-testid="how-to-pay">
      <p className="rounded-md bg-sky-50 px-3 py-2 text-sky-900">{t('onlineSoon')}</p>
      <p>{t('intro', { office: d.office })}</p>
      {d.communities.length > 0 && (
        <ul className="space-y-1">
          {d.communities.map((c) => (
            <li key={c.name} className="rounded-md border border-gray-200 px-3 py-2">
              <span className="font-medium text-gray-900">{c.name}</span>
              {c.address && <span className="block text-xs text-gray-500">{c.address}</span>}
            </li>
          ))}
        </ul>
      )}
      <div>
        <p className="font-medium text-gray-900">{t('methods')}</p>
        <ul className="mt-1 flex flex-wrap gap-2">
          {d.methods.map((m) => (
            <li key={m} className="rounded-full bg-gray-100 px-3 py-1 text-xs">
              {tMethod(m)}
            </li>
          ))}
        </ul>
      </div>
      <p>{t('receipt')}</p>
    </div>
  );
}
