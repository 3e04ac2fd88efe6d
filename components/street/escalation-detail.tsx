'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/money/confirm-dialog';
import { Loading } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';
import { ServerForm } from '@/components/forms/server-form';
import { FormActions } from '@/components/forms/form-actions';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { ZStreetReplyForm } from '@/server/shared/schemas/street';
import { EscalationStatusBadge } from './escalation-status';
import { useStreetFormat } from './format';

/** /street/<office>/<id>: what the company escalated (the contact only if shared), the answers, a reply form, "mark handled". */
export function EscalationDetail({ office, escalationId }: { office: string; escalationId: string }) {
  const t = useTranslations('street.detail');
  const trpc = useTRPC();
  const { time, age } = useStreetFormat();
  const errors = useServerError();
  const query = useQuery(trpc.street.getEscalation.queryOptions({ office, escalationId }));
  const back = (
    <Link href={`/street/${office}`} className="font-medium text-brand-700 hover:underline">
      ← {t('back')}
    </Link>
  );
  if (query.error) {
    return (
      <div>
        <PageHeader title={t('back')} back={back} />
        <Alert tone="error">{errors.text(query.error)}</Alert>
      </div>
    );
  }
  if (!query.data) return <Loading label={t('back')} />;
  const e = query.data;
  return (
    <div className="space-y-5">
      <PageHeader
        back={back}
        title={t('title', { number: e.orderNumber, company: e.companyName })}
        description={`${time(e.escalatedAt)} · ${age(e.escalatedAt, e.handledAt)}`}
        actions={<EscalationStatusBadge status={e.status} />}
      />
      <Card>
        <DetailList
          items={[
            { label: t('company'), value: e.companyName },
            { label: t('category'), value: e.categoryName },
            { label: t('community'), value: e.communityName },
            { label: t('address'), value: e.address || '—' },
            { label: t('text'), value: <span className="whitespace-pre-wrap">{e.text}</span>, wide: true },
            {
              label: t('note'),
              value: e.note ? <span className="whitespace-pre-wrap">{e.note}</span> : <span className="text-gray-500">{t('noNote')}</span>,
              wide: true,
            },
            {
              label: t('contact'),
              value: e.contact ? (
                <span data-testid="escalation-contact">
                  {e.contact.name}
                  {e.contact.phone && (
                    <>
                      {' · '}
                      <a href={`tel:${e.contact.phone}`} className="text-brand-700 hover:underline">
                        {e.contact.phone}
                      </a>
                    </>
                  )}
                </span>
              ) : (
                <span className="font-normal text-gray-500">{t('contactHidden')}</span>
              ),
              wide: true,
            },
            { label: t('escalatedAt'), value: time(e.escalatedAt) },
            { label: t('firstReplyAt'), value: e.firstReplyAt ? time(e.firstReplyAt) : t('notYet') },
            { label: t('handledAt'), value: e.handledAt ? time(e.handledAt) : t('notYet') },
          ]}
        />
      </Card>
      <Card title={t('photos')}>
        {e.photos.length === 0 ? (
          <p className="text-sm text-gray-500">{t('noPhotos')}</p>
        ) : (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" data-testid="escalation-photos">
            {e.photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/api/street/${office}/photos/${p.id}`} target="_blank" rel="noreferrer" className="block">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-user route (no image optimizer) */}
                  <img
                    src={`/api/street/${office}/photos/${p.id}?thumb=1`}
                    alt={t('photoAlt', { n: i + 1 })}
                    className="aspect-square w-full rounded-md border border-gray-200 object-cover"
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('replies')}>
        {e.replies.length === 0 ? (
          <p className="text-sm text-gray-500">{t('noReplies')}</p>
        ) : (
          <ol className="space-y-3" data-testid="escalation-replies">
            {e.replies.map((r) => (
              <li key={r.id} className="rounded-md border border-gray-100 bg-gray-50 px-3 py-2">
                <p className="text-xs text-gray-500">
                  {r.authorName}
                  {r.mine ? ` (${t('you')})` : ''} · {time(r.createdAt)}
                </p>
                <p className="mt-1 text-sm whitespace-pre-wrap text-gray-900">{r.body}</p>
              </li>
            ))}
          </ol>
        )}
        <ReplyForm office={office} escalationId={escalationId} />
      </Card>
      {e.status === 'OPEN' && <HandleButton office={office} escalationId={escalationId} />}
    </div>
  );
}

function useRefresh(office: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.street.getEscalation.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.street.listEscalations.queryKey({ office }) }),
    ]);
}

function ReplyForm({ office, escalationId }: { office: string; escalationId: string }) {
  const t = useTranslations('street.reply');
  const trpc = useTRPC();
  const refresh = useRefresh(office);
  const [sent, setSent] = useState(false);
  const reply = useMutation(trpc.street.reply.mutationOptions());
  const f = useServerForm(ZStreetReplyForm, {
    defaultValues: { body: '' },
    onSubmit: async (values, form) => {
      setSent(false);
      await reply.mutateAsync({ office, escalationId, body: values.body });
      form.reset({ body: '' });
      setSent(true);
      await refresh();
    },
  });
  const body = f.field('body');
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="mt-4" data-testid="street-reply-form">
      {sent && (
        <Alert tone="success" className="mb-3">
          {t('sent')}
        </Alert>
      )}
      <Field label={t('label')} hint={t('hint')} error={body.error}>
        {(a) => <Textarea {...a} rows={4} {...body} />}
      </Field>
      <FormActions submitLabel={t('submit')} pending={f.pending} />
    </ServerForm>
  );
}

function HandleButton({ office, escalationId }: { office: string; escalationId: string }) {
  const t = useTranslations('street.handle');
  const trpc = useTRPC();
  const refresh = useRefresh(office);
  const [open, setOpen] = useState(false);
  const handle = useMutation(trpc.street.markHandled.mutationOptions());
  return (
    <div className="flex justify-end">
      <Button variant="secondary" data-testid="street-mark-handled" onClick={() => setOpen(true)}>
        {t('button')}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('button')}
        confirmLabel={t('button')}
        onConfirm={async () => {
          await handle.mutateAsync({ office, escalationId });
          await refresh();
        }}
      >
        <p className="text-sm text-gray-700">{t('confirm')}</p>
      </ConfirmDialog>
    </div>
  );
}
