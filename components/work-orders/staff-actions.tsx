'use client';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { WorkOrderAction } from '@/server/shared/work-order-states';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useServerError } from '@/components/forms/use-server-error';
import { AssignDialog } from './assign-dialog';
import { CancelDialog, CompleteDialog, NoteDialog, QuoteDialog, type OrderRef } from './order-dialogs';
import { useRefreshOrders } from './use-refresh-orders';

/** The staff side's actions, in the order they are usually taken. */
const STAFF_ACTIONS = ['accept', 'quote', 'start', 'complete', 'assign', 'cancel'] as const satisfies readonly WorkOrderAction[];
type StaffAction = (typeof STAFF_ACTIONS)[number];

type Open = StaffAction | 'note' | null;

/**
 * Buttons for exactly the actions given (the API's `actions`, or the queue's own), plus "note /
 * photo" when `canNote`. `big`: full-width phone buttons (the queue). One-click actions (accept,
 * start) run at once; the others open their dialog.
 */
export function StaffActions({
  order,
  actions,
  canNote,
  assigneeId,
  big,
}: {
  order: OrderRef;
  actions: readonly WorkOrderAction[];
  canNote: boolean;
  assigneeId?: string | null;
  big?: boolean;
}) {
  const tAction = useTranslations('enums.workOrderAction');
  const tNote = useTranslations('workOrders.note');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const refresh = useRefreshOrders();
  const accept = useMutation(trpc.workOrders.accept.mutationOptions());
  const start = useMutation(trpc.workOrders.start.mutationOptions());
  const run = useServerError();
  const [open, setOpen] = useState<Open>(null);
  const shown = STAFF_ACTIONS.filter((a) => actions.includes(a));
  if (shown.length === 0 && !canNote) return null;
  const close = () => setOpen(null);
  const primary: StaffAction | undefined = shown.find((a) => a !== 'cancel' && a !== 'assign');

  const click = (a: StaffAction) => {
    if (a === 'accept' || a === 'start') {
      const m = a === 'accept' ? accept : start;
      void run.run(async () => {
        await m.mutateAsync({ tenant: slug, orderId: order.id });
        await refresh();
      });
    } else setOpen(a);
  };
  const size = big ? 'h-12 text-base w-full' : '';

  return (
    <div>
      <div className={cn('flex flex-wrap gap-2', big && 'grid grid-cols-2')}>
        {shown.map((a) => (
          <Button
            key={a}
            variant={a === 'cancel' ? 'danger' : a === primary ? 'primary' : 'secondary'}
            className={cn(size, big && a === primary && 'col-span-2')}
            pending={(a === 'accept' && accept.isPending) || (a === 'start' && start.isPending)}
            onClick={() => click(a)}
          >
            {tAction(a)}
          </Button>
        ))}
        {canNote && (
          <Button variant="secondary" className={size} onClick={() => setOpen('note')}>
            {tNote('button')}
          </Button>
        )}
      </div>
      {run.error && (
        <p className="mt-2 text-sm text-red-600" role="alert">
          {run.error}
        </p>
      )}
      {open === 'note' && <NoteDialog order={order} open onClose={close} />}
      {open === 'quote' && <QuoteDialog order={order} open onClose={close} />}
      {open === 'complete' && <CompleteDialog order={order} open onClose={close} />}
      {open === 'cancel' && <CancelDialog order={order} open onClose={close} />}
      {open === 'assign' && <AssignDialog order={order} currentId={assigneeId} open onClose={close} />}
    </div>
  );
}
