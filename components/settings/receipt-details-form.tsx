'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Loading } from '@/components/ui/empty-state';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';
import { uploadFile } from '@/components/uploads/upload-file';
import { ZReceiptDetails } from '@/server/shared/schemas/tenancy';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';

type Details = RouterOutputs['company']['getReceiptDetails'];

/** Address, phone and seal printed on receipts and 催缴通知单 (#17). */
export function ReceiptDetailsForm() {
  const t = useTranslations('settings.receiptDetails');
  const company = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.company.getReceiptDetails.queryOptions({ tenant: company.slug }));
  if (!current.data) return <Loading label={t('loading')} />;
  return <Form initial={current.data} onSaved={() => queryClient.invalidateQueries({ queryKey: trpc.company.getReceiptDetails.queryKey() })} />;
}

function Form({ initial, onSaved }: { initial: Details; onSaved: () => Promise<void> }) {
  const t = useTranslations('settings.receiptDetails');
  const company = useTenant();
  const trpc = useTRPC();
  const uploadError = useServerError();
  const [preview, setPreview] = useState<string | null>(initial.seal);
  const [uploading, setUploading] = useState(false);
  const save = useMutation(trpc.company.updateReceiptDetails.mutationOptions());
  const f = useSavedForm(ZReceiptDetails, {
    defaultValues: { address: initial.address, phone: initial.phone },
    save: async (values, form) => {
      const saved = await save.mutateAsync({ tenant: company.slug, ...values });
      form.reset({ address: saved.address, phone: saved.phone });
      setPreview(saved.seal);
      await onSaved();
    },
  });

  async function chooseSeal(file: File | undefined) {
    if (!file) return;
    uploadError.clear();
    setUploading(true);
    try {
      const up = await uploadFile(company.slug, 'seal', file);
      f.form.setValue('sealUploadId', up.id, { shouldDirty: true });
      setPreview(URL.createObjectURL(file));
    } catch (e) {
      uploadError.setError(uploadError.text(e));
    } finally {
      setUploading(false);
    }
  }

  return (
    <SavedForm f={f} savedText={t('saved')} submitLabel={t('save')} data-testid="receipt-details-form">
      <p className="mb-4 text-sm text-gray-600">{t('description')}</p>
      <div className="space-y-4">
        <TextField label={t('address')} {...f.field('address')} />
        <TextField label={t('phone')} inputMode="tel" {...f.field('phone')} />
        <div>
          <label className="block text-sm font-medium text-gray-800" htmlFor="seal-file">
            {t('seal')}
          </label>
          <p className="text-xs text-gray-600">{t('sealHint')}</p>
          <FormError message={uploadError.error} />
          <div className="mt-2 flex flex-wrap items-center gap-3">
            {preview ? (
              // eslint-disable-next-line @next/next/no-img-element -- a data: or blob: URL preview
              <img src={preview} alt={t('sealPreview')} className="size-24 rounded border border-gray-200 object-contain" data-testid="seal-preview" />
            ) : (
              <span className="text-sm text-gray-500">{t('sealNone')}</span>
            )}
            <input
              id="seal-file"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              className="text-sm"
              disabled={uploading}
              onChange={(e) => void chooseSeal(e.target.files?.[0])}
            />
            {uploading && <span className="text-sm text-gray-600">{t('sealUploading')}</span>}
            {preview && (
              <Button
                variant="secondary"
                type="button"
                onClick={() => {
                  f.form.setValue('sealUploadId', null, { shouldDirty: true });
                  setPreview(null);
                }}
              >
                {t('sealRemove')}
              </Button>
            )}
          </div>
        </div>
      </div>
    </SavedForm>
  );
}
