'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZAddNote, ZConfirm, ZReopen } from '@/server/shared/schemas/work-orders';
import { isOpen } from '@/server/shared/work-order-states';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { StatusBadge } from '@/components/work-orders/badges';
import { CancelDialog } from '@/components/work-orders/order-dialogs';
import { PriceText } from '@/components/work-orders/order-detail';
import { OrderTimeline } from '@/components/work-orders/order-timeline';
import { PhotoGallery } from '@/components/work-orders/photo-gallery';
import { PhotoPicker } from '@/components/work-orders/photo-picker';
import { StarRating, Stars } from '@/components/work-orders/star-rating';
import { TextareaField } from '@/components/work-orders/textarea-field';
import { useRefreshOrders } from '@/components/work-orders/use-refresh-orders';

type Order = RouterOutputs['myRequests']['getMine'];

/** A resident's request: progress, photos, and what they may do now (the API's `actions`). */
export function RequestDetail({ initial }: { initial: Order }) {
  const t = useTranslations('myRequests.detail');
  const tw = useTranslations('workOrders.detail');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const time = useCompanyTime();
  const money = useMoney();
  const { data: o } = useQuery({ ...trpc.myRequests.getMine.queryOptions({ tenant: slug, orderId: initial.id }), initialData: initial });
  const [cancelling, setCancelling] = useState(false);
  const can = (a: Order['actions'][number]) => o.actions.includes(a);

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <PageHeader
        back={
          <Link href={`/${slug}/my-requests`} className="text-brand-700 hover:underline">
            {t('back')}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {o.item?.name ?? o.category.name}
            <StatusBadge status={o.status} />
          </span>
        }
        description={t('title', { number: o.number })}
      />

      {(can('acceptQuote') || can('declineQuote')) && <QuoteAnswer order={o} />}
      {can('confirm') && <ConfirmForm order={o} />}
      {can('reopen') && <ReopenForm order={o} />}

      <Card title={t('what')}>
        <p className="mb-4 text-sm whitespace-pre-wrap text-gray-900">{o.text}</p>
        <DetailList
          narrow
          items={[
            { label: tw('unit'), value: o.unit?.label ?? tw('commonArea') },
            { label: tw('createdAt'), value: time.dateTime(o.createdAt) },
            ...(o.station ? [{ label: tw('station'), value: [o.station.name, o.station.place].filter(Boolean).join(' · ') }] : []),
            ...(o.preferredTime ? [{ label: tw('preferredTime'), value: o.preferredTime }] : []),
            { label: t('handledBy'), value: o.assignee?.name ?? t('waiting') },
            { label: t('price'), value: <PriceText order={o} money={money} /> },
          ]}
        />
        {o.priceModel !== 'FREE' && (isOpen(o.status) || o.status === 'COMPLETED') && <p className="mt-2 text-xs text-gray-500">{t('billed')}</p>}
        {o.photos.length > 0 && (
          <div className="mt-4">
            <PhotoGallery photos={o.photos} label={tw('photos')} />
          </div>
        )}
        {o.status === 'CANCELLED' && o.cancelReason && <p className="mt-4 text-sm text-gray-700">{tw('cancelled', { reason: o.cancelReason })}</p>}
        {o.rating !== null && (
          <div className="mt-4 text-sm">
            <span className="mr-2 text-gray-500">{t('yourRating')}</span>
            <Stars rating={o.rating} />
            {o.ratingComment && <p className="mt-1 whitespace-pre-wrap text-gray-800">{o.ratingComment}</p>}
          </div>
        )}
      </Card>

      <Card title={t('progress')}>
        <OrderTimeline entries={o.timeline} />
      </Card>

      {isOpen(o.status) && <MessageForm order={o} />}

      {can('cancel') && (
        <div className="flex justify-end">
          <Button variant="danger" onClick={() => setCancelling(true)}>
            {t('cancel.button')}
          </Button>
          {cancelling && <CancelDialog order={{ id: o.id, number: o.number }} open resident onClose={() => setCancelling(false)} />}
        </div>
      )}
    </div>
  );
}

function QuoteAnswer({ order: o }: { order: Order }) {
  const t = useTranslations('myRequests.detail.quote');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const money = useMoney();
  const refresh = useRefreshOrders();
  const accept = useMutation(trpc.myRequests.acceptQuote.mutationOptions());
  const decline = useMutation(trpc.myRequests.declineQuote.mutationOptions());
  const run = useServerError();
  const [declining, setDeclining] = useState(false);
  const go = (m: typeof accept) =>
    run.run(async () => {
      await m.mutateAsync({ tenant: slug, orderId: o.id });
      await refresh();
    });
  return (
    <Card title={t('title')} className="border-amber-300" data-testid="quote-answer">
      <p className="text-sm text-gray-900">{t('body', { price: o.priceFen !== null ? money(o.priceFen) : '—' })}</p>
      {run.error && (
        <Alert tone="error" className="mt-3">
          {run.error}
        </Alert>
      )}
      {declining ? (
        <div className="mt-3 space-y-2">
          <p className="text-sm text-gray-700">{t('declineConfirm')}</p>
          <div className="flex gap-2">
            <Button variant="danger" className="h-11 flex-1" pending={decline.isPending} onClick={() => go(decline)}>
              {t('decline')}
            </Button>
            <Button variant="secondary" className="h-11 flex-1" onClick={() => setDeclining(false)}>
              {t('keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="mt-3 flex gap-2">
          <Button className="h-11 flex-1" pending={accept.isPending} onClick={() => go(accept)}>
            {t('accept')}
          </Button>
          <Button variant="secondary" className="h-11 flex-1" onClick={() => setDeclining(true)}>
            {t('decline')}
          </Button>
        </div>
      )}
    </Card>
  );
}

function ConfirmForm({ order: o }: { order: Order }) {
  const t = useTranslations('myRequests.detail.confirm');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const confirm = useMutation(trpc.myRequests.confirm.mutationOptions());
  const f = useServerForm<z.input<typeof ZConfirm>, z.output<typeof ZConfirm>>(ZConfirm, {
    defaultValues: { orderId: o.id, rating: undefined as unknown as number, comment: '' },
    onSubmit: async (v) => {
      await confirm.mutateAsync({ tenant: slug, ...v });
      await refresh();
    },
  });
  const rating = f.form.watch('rating');
  return (
    <Card title={t('title')} className="border-brand-500" data-testid="confirm-form">
      <p className="mb-3 text-sm text-gray-700">{t('body')}</p>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-3">
        <StarRating
          label={t('rating')}
          value={typeof rating === 'number' ? rating : null}
          onChange={(n) => f.form.setValue('rating', n, { shouldValidate: f.form.formState.isSubmitted })}
          error={f.errorUnder('rating')}
        />
        <TextareaField label={t('comment')} {...f.field('comment')} />
        <FormActions submitLabel={t('submit')} pending={f.pending} />
      </ServerForm>
    </Card>
  );
}

function ReopenForm({ order: o }: { order: Order }) {
  const t = useTranslations('myRequests.detail.reopen');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const time = useCompanyTime();
  const refresh = useRefreshOrders();
  const reopen = useMutation(trpc.myRequests.reopen.mutationOptions());
  const [open, setOpen] = useState(false);
  const f = useServerForm<z.input<typeof ZReopen>, z.output<typeof ZReopen>>(ZReopen, {
    defaultValues: { orderId: o.id, reason: '' },
    onSubmit: async (v) => {
      await reopen.mutateAsync({ tenant: slug, ...v });
      await refresh();
      setOpen(false);
    },
  });
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-gray-200 bg-white px-4 py-3 text-sm">
      <span className="text-gray-700">
        {t('title')} {o.reopenUntil && t('body', { time: time.dateTime(o.reopenUntil) })}
      </span>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('submit')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('title')}>
        <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
          <TextField label={t('reason')} required {...f.field('reason')} />
          <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={() => setOpen(false)} />
        </ServerForm>
      </Dialog>
    </div>
  );
}

function MessageForm({ order: o }: { order: Order }) {
  const t = useTranslations('myRequests.detail.note');
  const tp = useTranslations('workOrders.photos');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const add = useMutation(trpc.myRequests.addNote.mutationOptions());
  const [uploading, setUploading] = useState(false);
  const [key, setKey] = useState(0);
  const f = useServerForm<z.input<typeof ZAddNote>, z.output<typeof ZAddNote>>(ZAddNote, {
    defaultValues: { orderId: o.id, note: '', toResident: false, photoIds: [] },
    onSubmit: async (v, form) => {
      await add.mutateAsync({ tenant: slug, ...v });
      await refresh();
      form.reset({ orderId: o.id, note: '', toResident: false, photoIds: [] });
      setKey((k) => k + 1);
    },
  });
  return (
    <Card title={t('title')}>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-3">
        <TextareaField label={t('note')} required {...f.field('note')} />
        <PhotoPicker
          key={key}
          label={t('photos')}
          onChange={(ids) => f.form.setValue('photoIds', ids)}
          onBusyChange={setUploading}
          error={f.errorUnder('photoIds')}
        />
        {uploading && <Alert>{tp('wait')}</Alert>}
        <FormActions submitLabel={t('submit')} pending={f.pending || uploading} />
      </ServerForm>
    </Card>
  );
}
