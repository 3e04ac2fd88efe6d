'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZCreateOrder, ZWorkOrderPriority } from '@/server/shared/schemas/work-orders';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCommunityOptions } from '@/components/units/use-register-options';
import { UnitPicker } from '@/components/units/unit-picker';
import { Card, PageHeader } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { NamedOptions, SelectField, TextField, ValueOptions } from '@/components/ui/field';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { setFields, useServerForm } from '@/components/forms/use-server-form';
import { PhotoPicker } from './photo-picker';
import { TextareaField } from './textarea-field';
import { useRefreshOrders } from './use-refresh-orders';

type Values = z.input<typeof ZCreateOrder>;

/** 新建工单: staff or a dispatcher records a phone call or a common-area problem seen on a round. */
export function NewOrderForm() {
  const t = useTranslations('workOrders.newOrder');
  const tPriority = useTranslations('enums.workOrderPriority');
  const { slug } = useTenant();
  const router = useRouter();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const communities = useCommunityOptions();
  const categories = useQuery({ ...trpc.services.listCategories.queryOptions({ tenant: slug }), staleTime: 60_000 });
  const create = useMutation(trpc.workOrders.createOrder.mutationOptions());
  const [unit, setUnit] = useState<{ id: string; label: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const f = useServerForm<Values, z.output<typeof ZCreateOrder>>(ZCreateOrder, {
    defaultValues: { communityId: '', categoryId: '', text: '', preferredTime: '', photoIds: [] },
    onSubmit: async (v) => {
      const { id } = await create.mutateAsync({ tenant: slug, ...v });
      await refresh();
      router.push(`/${slug}/work-orders/${id}`);
    },
  });
  const v = f.form.watch();
  const set = (patch: Partial<Values>) => setFields(f.form, patch);
  const items = useQuery({
    ...trpc.services.listItems.queryOptions({ tenant: slug, categoryId: v.categoryId }),
    enabled: !!v.categoryId,
    staleTime: 60_000,
  });
  const stations = useQuery({
    ...trpc.stations.list.queryOptions({ tenant: slug, communityId: v.communityId }),
    enabled: !!v.communityId,
    staleTime: 60_000,
  });
  const offered = (items.data ?? []).filter((i) => i.communityIds.length === 0 || i.communityIds.includes(v.communityId));

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
          <SelectField
            label={t('community')}
            required
            value={v.communityId}
            error={f.errors.fieldError('communityId')}
            onChange={(e) => {
              set({ communityId: e.target.value, unitId: undefined, stationId: undefined });
              setUnit(null);
            }}
          >
            <option value="">{t('choose')}</option>
            <NamedOptions items={communities.options} />
          </SelectField>
          {v.communityId && (
            <div>
              <UnitPicker
                label={t('unit')}
                communityId={v.communityId}
                value={unit}
                onChange={(u) => {
                  setUnit(u);
                  set({ unitId: u?.id });
                }}
                error={f.errors.fieldError('unitId')}
              />
              <p className="mt-1 text-xs text-gray-500">{t('unitHint')}</p>
            </div>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              label={t('category')}
              required
              value={v.categoryId}
              error={f.errors.fieldError('categoryId')}
              onChange={(e) => set({ categoryId: e.target.value, itemId: undefined })}
            >
              <option value="">{t('choose')}</option>
              <NamedOptions items={categories.data ?? []} />
            </SelectField>
            <SelectField
              label={t('item')}
              value={v.itemId ?? ''}
              disabled={!v.categoryId}
              error={f.errors.fieldError('itemId')}
              onChange={(e) => set({ itemId: e.target.value || undefined })}
            >
              <option value="">{t('itemNone')}</option>
              <NamedOptions items={offered} />
            </SelectField>
            <SelectField
              label={t('station')}
              value={v.stationId ?? ''}
              disabled={!v.communityId}
              onChange={(e) => set({ stationId: e.target.value || undefined })}
            >
              <option value="">{t('stationNone')}</option>
              <NamedOptions items={stations.data ?? []} />
            </SelectField>
            <SelectField
              label={t('priority')}
              value={v.priority ?? ''}
              onChange={(e) => set({ priority: (e.target.value || undefined) as Values['priority'] })}
            >
              <option value="">{t('priorityDefault')}</option>
              <ValueOptions values={ZWorkOrderPriority.options} label={tPriority} />
            </SelectField>
          </div>
          <TextareaField label={t('text')} required rows={4} {...f.field('text')} />
          <TextField label={t('preferredTime')} placeholder={t('preferredTimePlaceholder')} {...f.field('preferredTime')} />
          <PhotoPicker label={t('photos')} onChange={(ids) => f.form.setValue('photoIds', ids)} onBusyChange={setUploading} error={f.errorUnder('photoIds')} />
          {uploading && <PhotosWait />}
          <FormActions submitLabel={t('submit')} pending={f.pending || uploading} onCancel={() => router.push(`/${slug}/work-orders`)} />
        </ServerForm>
      </Card>
    </div>
  );
}

function PhotosWait() {
  const t = useTranslations('workOrders.photos');
  return <Alert>{t('wait')}</Alert>;
}
