'use client';
import { useQuery, useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZAssign } from '@/server/shared/schemas/work-orders';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Dialog } from '@/components/ui/dialog';
import { Alert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/empty-state';
import { FormActions } from '@/components/forms/form-actions';
import { ServerForm } from '@/components/forms/server-form';
import { useServerForm } from '@/components/forms/use-server-form';
import { useServerError } from '@/components/forms/use-server-error';
import { cn } from '@/components/ui/cn';
import type { OrderRef } from './order-dialogs';
import { useRefreshOrders } from './use-refresh-orders';

/** 派单: everyone assignable with their skills and current load, the best qualified first. */
export function AssignDialog({ order, currentId, open, onClose }: { order: OrderRef; currentId?: string | null; open: boolean; onClose: () => void }) {
  const t = useTranslations('workOrders.assign');
  return (
    <Dialog open={open} onClose={onClose} title={t('title', { number: order.number })}>
      <AssignForm order={order} currentId={currentId ?? null} onDone={onClose} />
    </Dialog>
  );
}

function AssignForm({ order, currentId, onDone }: { order: OrderRef; currentId: string | null; onDone: () => void }) {
  const t = useTranslations('workOrders.assign');
  const tRole = useTranslations('enums.role');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const errorText = useServerError().text;
  const candidates = useQuery(trpc.workOrders.listAssignees.queryOptions({ tenant: slug, orderId: order.id }));
  const assign = useMutation(trpc.workOrders.assign.mutationOptions());
  const f = useServerForm<z.input<typeof ZAssign>, z.output<typeof ZAssign>>(ZAssign, {
    defaultValues: { orderId: order.id, assigneeId: '' },
    onSubmit: async (v) => {
      await assign.mutateAsync({ tenant: slug, ...v });
      await refresh();
      onDone();
    },
  });
  const chosen = f.form.watch('assigneeId');
  if (candidates.isPending) return <Loading label={t('title', { number: order.number })} />;
  if (candidates.error) return <Alert tone="error">{errorText(candidates.error)}</Alert>;
  const { skills, rows } = candidates.data;
  const error = f.errors.fieldError('assigneeId');
  return (
    <ServerForm onSubmit={f.submit} formError={f.errors.formError} className="space-y-3">
      {skills.length > 0 && <p className="text-sm text-gray-700">{t('needs', { skills: skills.join('、') })}</p>}
      {rows.length === 0 ? (
        <Alert tone="warning">{t('noStaff')}</Alert>
      ) : (
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-gray-700">{t('assignee')}</legend>
          <ul className="max-h-80 space-y-1.5 overflow-y-auto" role="radiogroup" aria-label={t('assignee')}>
            {rows.map((c) => {
              const lacks = skills.filter((s) => !c.skills.includes(s));
              return (
                <li key={c.id}>
                  <label
                    className={cn(
                      'flex cursor-pointer items-start gap-3 rounded-md border p-2.5 text-sm',
                      chosen === c.id ? 'border-brand-500 bg-brand-50' : 'border-gray-200 hover:bg-gray-50',
                    )}
                  >
                    <input type="radio" value={c.id} className="mt-0.5 size-4 accent-brand-600" {...f.form.register('assigneeId')} />
                    <span className="min-w-0 flex-1">
                      <span className="font-medium text-gray-900">{c.name}</span>
                      <span className="ml-1 text-xs text-gray-500">
                        {tRole(c.role)}
                        {c.id === currentId && ` · ${t('current')}`}
                        {c.onDuty && ` · ${t('onDuty')}`}
                      </span>
                      <span className="block text-xs text-gray-600">
                        {c.skills.length ? t('skills', { skills: c.skills.join('、') }) : t('noSkills')}
                        {lacks.length > 0 && <span className="ml-1 text-amber-800">({t('lacks', { skills: lacks.join('、') })})</span>}
                      </span>
                    </span>
                    <span className="shrink-0 text-xs text-gray-600">{t('load', { count: c.openCount })}</span>
                  </label>
                </li>
              );
            })}
          </ul>
          {error && (
            <p className="mt-1 text-xs text-red-600" role="alert">
              {error}
            </p>
          )}
        </fieldset>
      )}
      <FormActions submitLabel={t('submit')} pending={f.pending} onCancel={onDone} />
    </ServerForm>
  );
}
