'use client';
import { useState } from 'react';
import { z } from 'zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, SelectField } from '@/components/ui/field';
import { Checkbox, Textarea } from '@/components/ui/input';
import { ServerForm } from '@/components/forms/server-form';
import { FormActions } from '@/components/forms/form-actions';
import { useServerForm } from '@/components/forms/use-server-form';
import { can } from '@/server/shared/permissions';
import { ZEscalate } from '@/server/shared/schemas/work-orders';
import { keyMessage } from '@/server/shared/error-key';

/** The form's schema: the order comes from the page; an office must be chosen. */
const ZEscalateForm = ZEscalate.omit({ orderId: true }).extend({ officeId: z.string().min(1, keyMessage('required', { what: 'field' })) });

/**
 * 吹哨: "Escalate to street office" on an order's page, for holders of workorders.followUp
 * (admins; nothing is shown to anyone else). Opens a dialog: the office, a note, and whether
 * to share the resident's name and phone (off by default, with a plain warning).
 */
export function EscalateButton({ orderId, onEscalated }: { orderId: string; onEscalated?: () => void }) {
  const t = useTranslations('street.escalate');
  const tenant = useTenant();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!can(tenant, 'workorders.followUp')) return null;
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="escalate-order">
        {t('open')}
      </Button>
      {done && (
        <Alert tone="success" className="mt-2" data-testid="escalate-done">
          {t('done', { office: done })}
        </Alert>
      )}
      <EscalateDialog
        orderId={orderId}
        open={open}
        onClose={() => setOpen(false)}
        onDone={(office) => {
          setOpen(false);
          setDone(office);
          onEscalated?.();
        }}
      />
    </>
  );
}

export function EscalateDialog({
  orderId,
  open,
  onClose,
  onDone,
}: {
  orderId: string;
  open: boolean;
  onClose: () => void;
  onDone: (officeName: string) => void;
}) {
  const t = useTranslations('street.escalate');
  return (
    <Dialog open={open} onClose={onClose} title={t('title')}>
      <EscalateForm orderId={orderId} onClose={onClose} onDone={onDone} />
    </Dialog>
  );
}

function EscalateForm({ orderId, onClose, onDone }: { orderId: string; onClose: () => void; onDone: (officeName: string) => void }) {
  const t = useTranslations('street.escalate');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const offices = useQuery(trpc.workOrders.listStreetOffices.queryOptions({ tenant: slug }));
  const escalate = useMutation(trpc.workOrders.escalate.mutationOptions());
  const f = useServerForm(ZEscalateForm, {
    defaultValues: { officeId: '', note: '', shareContact: false },
    onSubmit: async (values) => {
      const r = await escalate.mutateAsync({ tenant: slug, orderId, ...values });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.workOrders.getOrder.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.workOrders.listOfficeResponseTimes.queryKey() }),
      ]);
      onDone(r.officeName);
    },
  });
  const share = f.form.watch('shareContact');
  const note = f.field('note');
  if (offices.data && offices.data.length === 0) return <p className="text-sm text-gray-600">{t('noOffices')}</p>;
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} data-testid="escalate-form">
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <div className="grid gap-4">
        <SelectField label={t('office')} required {...f.field('officeId')}>
          <option value="">{t('choose')}</option>
          {offices.data?.map((o) => (
            <option key={o.id} value={o.id}>
              {o.district ? `${o.name}（${o.district}）` : o.name}
            </option>
          ))}
        </SelectField>
        <Field label={t('note')} hint={t('noteHint')} error={note.error}>
          {(a) => <Textarea {...a} rows={3} {...note} />}
        </Field>
        <div>
          <Checkbox label={t('shareContact')} {...f.form.register('shareContact')} />
          {share && (
            <Alert tone="warning" className="mt-2" data-testid="share-contact-warning">
              {t('shareWarning')}
            </Alert>
          )}
        </div>
      </div>
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onClose} />
    </ServerForm>
  );
}
