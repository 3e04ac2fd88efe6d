'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { formatDateTime } from '@/components/tenant/format';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyBox } from '@/components/ui/copy-box';
import { Dialog } from '@/components/ui/dialog';
import { Loading } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { ServerForm } from '@/components/forms/server-form';
import { FormActions } from '@/components/forms/form-actions';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';
import { ZAddLiaisonForm, ZCreateStreetOffice } from '@/server/shared/schemas/street';

const PLATFORM_TZ = 'Asia/Shanghai';

type Office = {
  id: string;
  slug: string;
  name: string;
  district: string;
  liaisons: { id: string; name: string; email: string | null; phone: string | null; disabledAt: Date | null }[];
};

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.platform.listStreetOffices.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.platform.listAudit.queryKey() }),
    ]);
}

/** /platform: 街道 street offices (吹哨, #15) and their liaison accounts; a new office; add or disable a liaison. */
export function StreetOffices() {
  const t = useTranslations('platform.streetOffices');
  const trpc = useTRPC();
  const query = useQuery(trpc.platform.listStreetOffices.queryOptions());
  const errors = useServerError();
  return (
    <div className="space-y-5" data-testid="platform-street-offices">
      <p className="text-sm text-gray-600">{t('explain')}</p>
      {query.error != null && <Alert tone="error">{errors.text(query.error)}</Alert>}
      {query.isPending ? (
        <Loading label={t('title')} />
      ) : query.data?.length === 0 ? (
        <p className="text-sm text-gray-500">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200" aria-label={t('caption')}>
          {query.data?.map((o) => (
            <OfficeItem key={o.id} office={o} />
          ))}
        </ul>
      )}
      <CreateOffice />
    </div>
  );
}

function OfficeItem({ office }: { office: Office }) {
  const t = useTranslations('platform.streetOffices');
  const [adding, setAdding] = useState(false);
  return (
    <li className="px-4 py-3" data-testid="platform-street-office">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-gray-900">
            {office.name}
            {office.district && <span className="ml-2 text-sm font-normal text-gray-500">{office.district}</span>}
          </p>
          <p className="font-mono text-xs text-gray-500">{t('area', { slug: office.slug })}</p>
        </div>
        <Button size="sm" variant="secondary" onClick={() => setAdding(true)}>
          {t('liaison.title')}
        </Button>
      </div>
      {office.liaisons.length === 0 ? (
        <p className="mt-2 text-sm text-gray-500">{t('noLiaisons')}</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {office.liaisons.map((l) => (
            <LiaisonRow key={l.id} liaison={l} />
          ))}
        </ul>
      )}
      <Dialog open={adding} onClose={() => setAdding(false)} title={`${t('liaison.title')} · ${office.name}`}>
        <AddLiaison officeId={office.id} onDone={() => setAdding(false)} />
      </Dialog>
    </li>
  );
}

function LiaisonRow({ liaison }: { liaison: Office['liaisons'][number] }) {
  const t = useTranslations('platform.streetOffices.liaison');
  const trpc = useTRPC();
  const refresh = useRefresh();
  const errors = useServerError();
  const locale = useLocale();
  const disable = useMutation(trpc.platform.disableLiaison.mutationOptions());
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 text-sm" data-testid="platform-liaison">
      <span className="min-w-0">
        <span className="font-medium text-gray-900">{liaison.name}</span>
        <span className="ml-2 text-gray-600">{[liaison.email, liaison.phone].filter(Boolean).join(' · ')}</span>
      </span>
      <span className="flex items-center gap-2">
        {liaison.disabledAt ? (
          <span title={formatDateTime(liaison.disabledAt, PLATFORM_TZ, locale)}>
            <Badge>{t('disabled')}</Badge>
          </span>
        ) : (
          <>
            <Badge tone="green">{t('active')}</Badge>
            <Button
              size="sm"
              variant="danger"
              pending={disable.isPending}
              onClick={() =>
                void errors.run(async () => {
                  await disable.mutateAsync({ liaisonId: liaison.id });
                  await refresh();
                })
              }
            >
              {t('disable')}
            </Button>
          </>
        )}
      </span>
      {errors.error && (
        <Alert tone="error" className="w-full">
          {errors.error}
        </Alert>
      )}
    </li>
  );
}

function AddLiaison({ officeId, onDone }: { officeId: string; onDone: () => void }) {
  const t = useTranslations('platform.streetOffices.liaison');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const refresh = useRefresh();
  const add = useMutation(trpc.platform.addLiaison.mutationOptions());
  const [mail, setMail] = useState<{ to: string; link: string | null } | null>(null);
  const f = useServerForm(ZAddLiaisonForm, {
    defaultValues: { name: '', email: '', phone: '' },
    onSubmit: async (values) => {
      const r = await add.mutateAsync({ officeId, ...values });
      await refresh();
      if (r.mail?.link) setMail(r.mail);
      else onDone();
    },
  });
  if (mail?.link) {
    return (
      <div className="space-y-3">
        <Alert tone="success">{t('added')}</Alert>
        <CopyBox value={mail.link} label={t('demoMail', { to: mail.to })} testId="liaison-set-password-link" />
        <div className="flex justify-end">
          <Button onClick={onDone}>{tc('close')}</Button>
        </div>
      </div>
    );
  }
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} data-testid="add-liaison-form">
      <div className="grid gap-3">
        <TextField label={t('name')} required {...f.field('name')} />
        <TextField label={t('email')} type="email" autoComplete="off" {...f.field('email')} />
        <TextField label={t('phone')} inputMode="tel" autoComplete="off" hint={t('hint')} {...f.field('phone')} />
      </div>
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}

function CreateOffice() {
  const t = useTranslations('platform.streetOffices.create');
  const trpc = useTRPC();
  const refresh = useRefresh();
  const create = useMutation(trpc.platform.createStreetOffice.mutationOptions());
  const f = useSavedForm(ZCreateStreetOffice, {
    defaultValues: { slug: '', name: '', district: '' },
    save: async (values, form) => {
      await create.mutateAsync(values);
      form.reset({ slug: '', name: '', district: '' });
      await refresh();
    },
  });
  return (
    <div>
      <h3 className="mb-3 text-sm font-semibold text-gray-900">{t('title')}</h3>
      <SavedForm f={f} savedText={t('created')} submitLabel={t('submit')} data-testid="create-street-office-form">
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label={t('name')} required {...f.field('name')} />
          <TextField label={t('slug')} required hint={t('slugHint')} autoCapitalize="none" {...f.field('slug')} />
          <TextField label={t('district')} {...f.field('district')} />
        </div>
      </SavedForm>
    </div>
  );
}
