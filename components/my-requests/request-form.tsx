'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZCreateRequest } from '@/server/shared/schemas/work-orders';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Card, PageHeader } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { NamedOptions, SelectField, TextField } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { setFields, useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { PhotoPicker } from '@/components/work-orders/photo-picker';
import { TextareaField } from '@/components/work-orders/textarea-field';
import { useRefreshOrders } from '@/components/work-orders/use-refresh-orders';

type Options = RouterOutputs['myRequests']['getRequestOptions'];
type Item = Options['categories'][number]['items'][number];
type Values = z.input<typeof ZCreateRequest>;

/** 报修/预约服务: category → service (its price and promise shown) → station → words, time and photos. */
export function RequestForm() {
  const t = useTranslations('myRequests.form');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const options = useQuery(trpc.myRequests.getRequestOptions.queryOptions({ tenant: slug }));
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t('title')} description={t('description')} />
      {options.isPending ? (
        <Loading label={t('title')} />
      ) : options.error ? (
        <Alert tone="error">{errorText(options.error)}</Alert>
      ) : options.data.units.length === 0 ? (
        <Alert tone="warning">{t('noUnit')}</Alert>
      ) : (
        <Card>
          <Form options={options.data} />
        </Card>
      )}
    </div>
  );
}

function Form({ options }: { options: Options }) {
  const t = useTranslations('myRequests.form');
  const { slug } = useTenant();
  const router = useRouter();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const create = useMutation(trpc.myRequests.create.mutationOptions());
  const [uploading, setUploading] = useState(false);
  const single = options.units.length === 1 ? options.units[0] : undefined;
  const f = useServerForm<Values, z.output<typeof ZCreateRequest>>(ZCreateRequest, {
    defaultValues: { unitId: single?.id, categoryId: '', text: '', preferredTime: '', photoIds: [] },
    onSubmit: async (v) => {
      const { id } = await create.mutateAsync({ tenant: slug, ...v });
      await refresh();
      router.push(`/${slug}/my-requests/${id}`);
    },
  });
  const v = f.form.watch();
  const set = (patch: Partial<Values>) => setFields(f.form, patch);
  const unit = options.units.find((u) => u.id === v.unitId);
  const communityId = unit?.communityId;
  const category = options.categories.find((c) => c.id === v.categoryId);
  const offeredHere = (i: Item) => !communityId || i.communityIds.length === 0 || i.communityIds.includes(communityId);
  const items = (category?.items ?? []).filter(offeredHere);
  const item = items.find((i) => i.id === v.itemId);
  const stations = options.stations.filter(
    (s) => (!communityId || s.communityIds.includes(communityId)) && (!v.itemId || s.itemIds.length === 0 || s.itemIds.includes(v.itemId)),
  );

  if (options.categories.length === 0) return <Alert tone="warning">{t('noCategories')}</Alert>;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      {options.units.length > 1 && (
        <SelectField
          label={t('unit')}
          required
          value={v.unitId ?? ''}
          error={f.errors.fieldError('unitId')}
          onChange={(e) => set({ unitId: e.target.value || undefined, itemId: undefined, stationId: undefined })}
        >
          <option value="">{t('choose')}</option>
          {options.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t('category')}
        required
        value={v.categoryId}
        error={f.errors.fieldError('categoryId')}
        onChange={(e) => set({ categoryId: e.target.value, itemId: undefined, stationId: undefined })}
      >
        <option value="">{t('choose')}</option>
        <NamedOptions items={options.categories} />
      </SelectField>
      {category && items.length > 0 && (
        <div>
          <SelectField
            label={t('item')}
            value={v.itemId ?? ''}
            error={f.errors.fieldError('itemId')}
            onChange={(e) => set({ itemId: e.target.value || undefined, stationId: undefined })}
          >
            <option value="">{t('itemNone')}</option>
            <NamedOptions items={items} />
          </SelectField>
          {item && <ItemTerms item={item} />}
        </div>
      )}
      {stations.length > 0 && (
        <SelectField label={t('station')} value={v.stationId ?? ''} onChange={(e) => set({ stationId: e.target.value || undefined })}>
          <option value="">{t('stationNone')}</option>
          {stations.map((s) => (
            <option key={s.id} value={s.id}>
              {s.place ? `${s.name}（${s.place}）` : s.name}
            </option>
          ))}
        </SelectField>
      )}
      <TextareaField label={t('text')} required rows={4} placeholder={t('textPlaceholder')} {...f.field('text')} />
      <TextField label={t('preferredTime')} placeholder={t('preferredTimePlaceholder')} {...f.field('preferredTime')} />
      <PhotoPicker label={t('photos')} onChange={(ids) => f.form.setValue('photoIds', ids)} onBusyChange={setUploading} error={f.errorUnder('photoIds')} />
      {uploading && <UploadWait />}
      <FormActions submitLabel={t('submit')} pending={f.pending || uploading} onCancel={() => router.push(`/${slug}/my-requests`)} />
    </ServerForm>
  );
}

function UploadWait() {
  const t = useTranslations('workOrders.photos');
  return <Alert>{t('wait')}</Alert>;
}

/** The chosen service's price model and price, and its response and resolution promise. */
function ItemTerms({ item }: { item: Item }) {
  const t = useTranslations('myRequests.form');
  const money = useMoney();
  const price =
    item.priceModel === 'FREE'
      ? t('itemFree')
      : item.priceModel === 'FIXED' && item.priceFen !== null
        ? t('itemPrice', { price: money(item.priceFen) })
        : item.priceFen !== null
          ? t('itemQuotedFrom', { price: money(item.priceFen) })
          : t('itemQuoted');
  const response = item.firstResponseMinutes % 60 === 0 ? t('hours', { n: item.firstResponseMinutes / 60 }) : t('minutes', { n: item.firstResponseMinutes });
  return (
    <div className="mt-2 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="item-terms">
      {item.description && <p className="mb-1 text-gray-700">{item.description}</p>}
      <p className="font-medium">{price}</p>
      <p>{t('sla', { response, resolve: t('hours', { n: item.resolveHours }) })}</p>
    </div>
  );
}
