'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { z } from 'zod';
import { zAmountInput } from '@/server/shared/schemas/billing';
import { ZAddNote, ZCancel, ZComplete, ZQuote } from '@/server/shared/schemas/work-orders';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Dialog } from '@/components/ui/dialog';
import { Alert } from '@/components/ui/alert';
import { TextField } from '@/components/ui/field';
import { Checkbox } from '@/components/ui/input';
import { Button } from '@/components/ui/button';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { PhotoPicker } from './photo-picker';
import { TextareaField } from './textarea-field';
import { useRefreshOrders } from './use-refresh-orders';

// The staff's dialogs on an order (its detail page and the phone queue): a note with photos,
// a quote, completion with photos, cancellation with a reason. Each form is the procedure's own
// schema; photos upload as they are chosen and the form waits for them.

export interface OrderRef {
  id: string;
  number: number;
}

interface DialogProps {
  order: OrderRef;
  open: boolean;
  onClose: () => void;
}

function usePhotosField(setIds: (ids: string[]) => void) {
  const t = useTranslations('workOrders.photos');
  const [busy, setBusy] = useState(false);
  return { busy, waitText: busy ? t('wait') : null, props: { onChange: setIds, onBusyChange: setBusy } };
}

export function NoteDialog({ order, open, onClose }: DialogProps) {
  const t = useTranslations('workOrders.note');
  return (
    <Dialog open={open} onClose={onClose} title={t('title')}>
      <NoteForm order={order} onDone={onClose} onCancel={onClose} />
    </Dialog>
  );
}

function NoteForm({ order, onDone, onCancel }: { order: OrderRef; onDone: () => void; onCancel: () => void }) {
  const t = useTranslations('workOrders.note');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const addNote = useMutation(trpc.workOrders.addNote.mutationOptions());
  const f = useServerForm<z.input<typeof ZAddNote>, z.output<typeof ZAddNote>>(ZAddNote, {
    defaultValues: { orderId: order.id, note: '', toResident: false, photoIds: [] },
    onSubmit: async (v) => {
      await addNote.mutateAsync({ tenant: slug, ...v });
      await refresh();
      onDone();
    },
  });
  const photos = usePhotosField((ids) => f.form.setValue('photoIds', ids));
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <TextareaField label={t('note')} required {...f.field('note')} />
      <Checkbox label={t('toResident')} {...f.form.register('toResident')} />
      <PhotoPicker label={t('photos')} {...photos.props} error={f.errorUnder('photoIds')} />
      {photos.waitText && <Alert>{photos.waitText}</Alert>}
      <SubmitRow label={t('submit')} pending={f.pending || photos.busy} onCancel={onCancel} />
    </ServerForm>
  );
}

const ZQuoteForm = ZQuote.extend({ priceFen: zAmountInput() });

export function QuoteDialog({ order, open, onClose }: DialogProps) {
  const t = useTranslations('workOrders.quote');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const quote = useMutation(trpc.workOrders.quote.mutationOptions());
  const f = useServerForm<z.input<typeof ZQuoteForm>, z.output<typeof ZQuoteForm>>(ZQuoteForm, {
    defaultValues: { orderId: order.id, priceFen: '', note: '' },
    onSubmit: async (v) => {
      await quote.mutateAsync({ tenant: slug, ...v });
      await refresh();
      onClose();
    },
  });
  return (
    <Dialog open={open} onClose={onClose} title={t('title')}>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
        <TextField label={t('price')} required inputMode="decimal" hint={t('priceHint')} {...f.field('priceFen')} />
        <TextareaField label={t('note')} {...f.field('note')} />
        <SubmitRow label={t('submit')} pending={f.pending} onCancel={onClose} />
      </ServerForm>
    </Dialog>
  );
}

export function CompleteDialog({ order, open, onClose }: DialogProps) {
  const t = useTranslations('workOrders.complete');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const complete = useMutation(trpc.workOrders.complete.mutationOptions());
  const f = useServerForm<z.input<typeof ZComplete>, z.output<typeof ZComplete>>(ZComplete, {
    defaultValues: { orderId: order.id, note: '', photoIds: [] },
    onSubmit: async (v) => {
      await complete.mutateAsync({ tenant: slug, ...v });
      await refresh();
      onClose();
    },
  });
  const photos = usePhotosField((ids) => f.form.setValue('photoIds', ids));
  return (
    <Dialog open={open} onClose={onClose} title={t('title', { number: order.number })}>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
        <TextareaField label={t('note')} {...f.field('note')} />
        <div>
          <PhotoPicker label={t('photos')} {...photos.props} error={f.errorUnder('photoIds')} />
          <p className="mt-1 text-xs text-gray-500">{t('photosHint')}</p>
        </div>
        {photos.waitText && <Alert>{photos.waitText}</Alert>}
        <SubmitRow label={t('submit')} pending={f.pending || photos.busy} onCancel={onClose} />
      </ServerForm>
    </Dialog>
  );
}

/** Cancel with a reason: a dispatcher's (workOrders.cancel) or a resident's (myRequests.cancel). */
export function CancelDialog({ order, open, onClose, resident }: DialogProps & { resident?: boolean }) {
  const t = useTranslations('workOrders.cancel');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const staffCancel = useMutation(trpc.workOrders.cancel.mutationOptions());
  const residentCancel = useMutation(trpc.myRequests.cancel.mutationOptions());
  const f = useServerForm<z.input<typeof ZCancel>, z.output<typeof ZCancel>>(ZCancel, {
    defaultValues: { orderId: order.id, reason: '' },
    onSubmit: async (v) => {
      await (resident ? residentCancel : staffCancel).mutateAsync({ tenant: slug, ...v });
      await refresh();
      onClose();
    },
  });
  return (
    <Dialog open={open} onClose={onClose} title={t('title', { number: order.number })}>
      <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
        <TextField label={t('reason')} required {...f.field('reason')} />
        <SubmitRow label={t('submit')} pending={f.pending} onCancel={onClose} cancelLabel={t('keep')} danger />
      </ServerForm>
    </Dialog>
  );
}

function SubmitRow({
  label,
  pending,
  onCancel,
  cancelLabel,
  danger,
}: {
  label: string;
  pending: boolean;
  onCancel: () => void;
  cancelLabel?: string;
  danger?: boolean;
}) {
  const tc = useTranslations('common');
  return (
    <div className="mt-5 flex flex-wrap justify-end gap-2">
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        {cancelLabel ?? tc('cancel')}
      </Button>
      <Button type="submit" variant={danger ? 'danger' : 'primary'} pending={pending}>
        {label}
      </Button>
    </div>
  );
}
