'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { ZPublishAnnouncementForm } from '@/server/shared/schemas/announcements';
import { localDate } from '@/server/shared/calendar';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Field, TextField } from '@/components/ui/field';
import { Checkbox, Textarea } from '@/components/ui/input';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { uploadFile } from '@/components/uploads/upload-file';
import { CommunityCheckboxes } from '@/components/fee-items/community-checkboxes';

/** Publish a notice: title, text, communities, optional image and pin date, optionally by SMS too. */
export function PublishForm({ onClose }: { onClose: () => void }) {
  const t = useTranslations('announcements.form');
  const { slug, timeZone } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const publish = useMutation(trpc.announcements.publish.mutationOptions());
  const upload = useServerError();
  const [image, setImage] = useState<{ id: string; preview: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [done, setDone] = useState<{ notified: number; texted: number } | null>(null);
  const f = useServerForm(ZPublishAnnouncementForm, {
    defaultValues: { title: '', body: '', communityIds: [], pinnedUntil: '', alsoSms: false },
    onSubmit: async (values) => {
      const r = await publish.mutateAsync({ tenant: slug, ...values, ...(image ? { imageId: image.id } : {}) });
      await queryClient.invalidateQueries({ queryKey: trpc.announcements.list.queryKey() });
      setDone({ notified: r.notified, texted: r.texted });
    },
  });
  const communityIds = f.form.watch('communityIds');

  const choose = (file: File | undefined) =>
    file &&
    upload.run(async () => {
      setUploading(true);
      try {
        const up = await uploadFile(slug, 'announcement-image', file);
        setImage({ id: up.id, preview: URL.createObjectURL(file) });
      } finally {
        setUploading(false);
      }
    });

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t('published', { notified: done.notified, texted: done.texted })}</Alert>
        <div className="flex justify-end">
          <Button onClick={onClose}>{t('done')}</Button>
        </div>
      </div>
    );
  }
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-4">
      <TextField label={t('title')} required maxLength={100} {...f.field('title')} />
      <Field label={t('body')} required error={f.errors.fieldError('body')}>
        {(a) => <Textarea {...a} rows={6} maxLength={5000} aria-required {...f.form.register('body')} />}
      </Field>
      <CommunityCheckboxes
        legend={t('communities')}
        value={communityIds}
        error={f.errorUnder('communityIds')}
        onChange={(ids) => f.form.setValue('communityIds', ids, { shouldDirty: true, shouldValidate: f.form.formState.isSubmitted })}
      />
      <TextField label={t('pinnedUntil')} type="date" min={localDate(timeZone)} hint={t('pinnedUntilHint')} {...f.field('pinnedUntil')} />
      <div>
        <span className="mb-1 block text-sm font-medium text-gray-700">{t('image')}</span>
        {image ? (
          <div className="flex items-center gap-3">
            {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (blob: URL) */}
            <img src={image.preview} alt={t('imagePreview')} className="h-20 w-28 rounded border border-gray-200 object-cover" />
            <Button variant="ghost" size="sm" onClick={() => setImage(null)}>
              {t('removeImage')}
            </Button>
          </div>
        ) : (
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-label={t('image')}
            disabled={uploading}
            onChange={(e) => choose(e.target.files?.[0])}
            className="block w-full text-sm text-gray-700 file:mr-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-2 file:text-sm"
          />
        )}
        <p className="mt-1 text-xs text-gray-500">{uploading ? t('uploading') : t('imageHint')}</p>
        {upload.error && (
          <p className="mt-1 text-xs text-red-600" role="alert">
            {upload.error}
          </p>
        )}
      </div>
      <div>
        <Checkbox label={t('alsoSms')} {...f.form.register('alsoSms')} />
        <p className="mt-1 ml-6 text-xs text-gray-500">{t('alsoSmsHint')}</p>
      </div>
      <FormActions submitLabel={t('submit')} pending={f.pending || uploading} onCancel={onClose} />
    </ServerForm>
  );
}
