'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZItemForm, ZPriceModel, type ItemFormValues } from '@/server/shared/schemas/services';
import { ZWorkOrderPriority } from '@/server/shared/schemas/work-orders';
import { fenToYuanText } from '@/server/shared/money-input';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { SelectField, TextField } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { setFields, useServerForm } from '@/components/forms/use-server-form';
import { CommunityCheckboxes } from '@/components/fee-items/community-checkboxes';

type Item = RouterOutputs['services']['listItems'][number];
type Category = RouterOutputs['services']['listCategories'][number];

function initialValues(categoryId: string, item?: Item): ItemFormValues {
  return {
    categoryId: item?.categoryId ?? categoryId,
    name: item?.name ?? '',
    description: item?.description ?? '',
    priceModel: item?.priceModel ?? 'FREE',
    price: item?.priceFen != null ? fenToYuanText(item.priceFen) : '',
    firstResponseMinutes: String(item?.firstResponseMinutes ?? 60),
    resolveHours: String(item?.resolveHours ?? 24),
    defaultPriority: item?.defaultPriority ?? 'NORMAL',
    communityIds: item?.communityIds ?? [],
    skills: item?.skills.join(', ') ?? '',
  };
}

/** A catalogue item: what it is, its price model, SLA targets (at normal priority), where offered, skills. */
export function ItemForm({
  item,
  categories,
  categoryId,
  onDone,
  onCancel,
}: {
  item?: Item;
  categories: Category[];
  categoryId: string;
  onDone: () => Promise<unknown> | void;
  onCancel: () => void;
}) {
  const t = useTranslations('services');
  const tPriority = useTranslations('services.priority');
  const { slug, currency } = useTenant();
  const trpc = useTRPC();
  const create = useMutation(trpc.services.createItem.mutationOptions());
  const update = useMutation(trpc.services.updateItem.mutationOptions());
  const f = useServerForm(ZItemForm, {
    defaultValues: initialValues(categoryId, item),
    onSubmit: async (v) => {
      if (item) await update.mutateAsync({ tenant: slug, id: item.id, ...v });
      else await create.mutateAsync({ tenant: slug, ...v });
      await onDone();
    },
  });
  const v = f.form.watch();
  const err = f.errorUnder;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t('item.category')} {...f.field('categoryId')}>
          {categories
            .filter((c) => !c.archived || c.id === v.categoryId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </SelectField>
        <TextField label={t('item.name')} required {...f.field('name')} />
        <label className="block text-sm sm:col-span-2">
          <span className="mb-1 block font-medium text-gray-700">{t('item.description')}</span>
          <Textarea rows={2} {...f.form.register('description')} />
          {err('description') && <span className="mt-1 block text-xs text-red-600">{err('description')}</span>}
        </label>
      </div>
      <div className="grid gap-4 rounded-lg border border-gray-200 p-3 sm:grid-cols-2">
        <SelectField label={t('item.priceModel')} hint={t(`priceModelHint.${v.priceModel}`)} {...f.field('priceModel')}>
          {ZPriceModel.options.map((m) => (
            <option key={m} value={m}>
              {t(`priceModels.${m}`)}
            </option>
          ))}
        </SelectField>
        {v.priceModel !== 'FREE' && (
          <TextField
            label={v.priceModel === 'FIXED' ? t('item.price', { currency }) : t('item.indicativePrice', { currency })}
            required={v.priceModel === 'FIXED'}
            inputMode="decimal"
            {...f.field('price')}
            error={err('price') ?? err('priceFen')}
          />
        )}
      </div>
      <div className="grid gap-4 rounded-lg border border-gray-200 p-3 sm:grid-cols-3">
        <p className="text-xs text-gray-500 sm:col-span-3">{t('item.slaHint')}</p>
        <TextField label={t('item.firstResponseMinutes')} inputMode="numeric" required {...f.field('firstResponseMinutes')} />
        <TextField label={t('item.resolveHours')} inputMode="numeric" required {...f.field('resolveHours')} />
        <SelectField label={t('item.defaultPriority')} {...f.field('defaultPriority')}>
          {ZWorkOrderPriority.options.map((p) => (
            <option key={p} value={p}>
              {tPriority(p)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="space-y-3 rounded-lg border border-gray-200 p-3">
        <CommunityCheckboxes
          legend={t('item.communities')}
          hint={t('item.communitiesHint')}
          value={v.communityIds}
          error={err('communityIds')}
          onChange={(ids) => setFields(f.form, { communityIds: ids })}
        />
        <TextField label={t('item.skills')} hint={t('item.skillsHint')} {...f.field('skills')} />
      </div>
      <FormActions submitLabel={item ? t('save') : t('item.create')} pending={f.pending} onCancel={onCancel} />
    </ServerForm>
  );
}
