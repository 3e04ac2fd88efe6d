'use client';
import { useState } from 'react';
import Link from 'next/link';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZReturnVisit } from '@/server/shared/schemas/work-orders';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { ListShell } from '@/components/list/list-shell';
import { useListQuery } from '@/components/list/use-list-query';
import { PageHeader } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { StatusBadge } from './badges';
import { StarRating } from './star-rating';
import { TextareaField } from './textarea-field';
import { useRefreshOrders } from './use-refresh-orders';
import { ViewTabs } from './work-orders-panel';

type Row = RouterOutputs['workOrders']['listReturnVisits']['rows'][number];
const NO_FILTERS = {};

/** 回访: completed orders left unrated for 3 days; an admin calls and records the rating (taken by phone). */
export function ReturnVisits() {
  const t = useTranslations('workOrders');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const list = useListQuery(NO_FILTERS);
  const query = useQuery({
    ...trpc.workOrders.listReturnVisits.queryOptions({ tenant: slug, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const [recorded, setRecorded] = useState<number | null>(null);
  return (
    <div>
      <PageHeader title={t('returnVisits.title')} description={t('returnVisits.description')} />
      <ViewTabs
        label={t('tabs.label')}
        tabs={[
          { key: 'board', href: `/${slug}/work-orders`, label: t('tabs.board'), current: false },
          { key: 'returnVisits', href: `/${slug}/work-orders/return-visits`, label: t('tabs.returnVisits'), current: true },
        ]}
      />
      <ListShell<Row>
        list={list}
        query={query}
        caption={t('returnVisits.caption')}
        testId="return-visits"
        rowTestId="return-visit-row"
        empty={t('returnVisits.empty')}
        rowKey={(r) => r.id}
        notice={
          recorded !== null && (
            <Alert tone="success" className="mb-3">
              {t('returnVisits.recorded')}
            </Alert>
          )
        }
        item={(r) => <VisitRow row={r} onRecorded={() => setRecorded(r.number)} />}
      />
    </div>
  );
}

function VisitRow({ row: r, onRecorded }: { row: Row; onRecorded: () => void }) {
  const t = useTranslations('workOrders.returnVisits');
  const tb = useTranslations('workOrders.board');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 p-3">
      <div className="min-w-0">
        <p className="text-sm font-semibold text-gray-900">
          <Link href={`/${slug}/work-orders/${r.id}`} className="hover:underline">
            #{r.number} {r.item?.name ?? r.category.name}
          </Link>
          <span className="ml-2 align-middle">
            <StatusBadge status={r.status} />
          </span>
        </p>
        <p className="mt-0.5 text-xs text-gray-600">
          {r.community.name} · {r.unit?.label ?? tb('commonArea')}
          {r.completedAt && ` · ${t('completedAt', { time: time.dateTime(r.completedAt) })}`}
          {r.assignee && ` · ${r.assignee.name}`}
        </p>
        {r.contact.length > 0 && (
          <p className="mt-1 text-sm text-gray-800">
            {t('resident')}{' '}
            {r.contact.map((c, i) => (
              <span key={i} className="mr-3">
                {c.name}
                {c.phone && (
                  <a href={`tel:${c.phone}`} className="ml-1 text-brand-700 underline hover:no-underline">
                    {c.phone}
                  </a>
                )}
              </span>
            ))}
          </p>
        )}
      </div>
      <Button onClick={() => setOpen(true)} aria-label={`${t('record')} #${r.number}`}>
        {t('record')}
      </Button>
      {open && (
        <RecordDialog
          order={r}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onRecorded();
          }}
        />
      )}
    </div>
  );
}

function RecordDialog({ order, onClose, onDone }: { order: { id: string; number: number }; onClose: () => void; onDone: () => void }) {
  const t = useTranslations('workOrders.returnVisits');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const record = useMutation(trpc.workOrders.recordReturnVisit.mutationOptions());
  const f = useServerForm<z.input<typeof ZReturnVisit>, z.output<typeof ZReturnVisit>>(ZReturnVisit, {
    defaultValues: { orderId: order.id, rating: undefined as unknown as number, comment: '' },
    onSubmit: async (v) => {
      await record.mutateAsync({ tenant: slug, ...v });
      await refresh();
      onDone();
    },
  });
  const rating = f.form.watch('rating');
  return (
    <Dialog open onClose={onClose} title={t('dialogTitle', { number: order.number })}>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
        <StarRating
          label={t('rating')}
          value={typeof rating === 'number' ? rating : null}
          onChange={(n) => f.form.setValue('rating', n, { shouldValidate: f.form.formState.isSubmitted })}
          error={f.errorUnder('rating')}
        />
        <TextareaField label={t('comment')} {...f.field('comment')} />
        <p className="text-xs text-gray-500">{t('byPhone')}</p>
        <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onClose} />
      </ServerForm>
    </Dialog>
  );
}
