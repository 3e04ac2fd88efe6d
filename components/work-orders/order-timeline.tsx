'use client';
import { useTranslations } from 'next-intl';
import type { WorkOrderStatus } from '@/server/db/generated/enums';
import { WORK_ORDER_ACTION_NAMES, type WorkOrderAction } from '@/server/shared/work-order-states';
import { useCompanyTime } from '@/components/tenant/format';
import { cn } from '@/components/ui/cn';

export interface TimelineEntry {
  id: string;
  kind: string;
  action: string | null;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus | null;
  note: string;
  toResident: boolean;
  actor: { id: string; name: string | null; role: string };
  createdAt: Date;
  office?: { id: string; name: string } | null;
}

const KINDS = ['transition', 'note', 'photo', 'priority', 'assign', 'quote', 'rating', 'escalation', 'street_reply'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
const isAction = (a: string | null): a is WorkOrderAction => !!a && (WORK_ORDER_ACTION_NAMES as string[]).includes(a);

/** The order's timeline: who, when, from → to, and what they wrote; escalations and street replies stand out. */
export function OrderTimeline({ entries, showVisibility }: { entries: readonly TimelineEntry[]; showVisibility?: boolean }) {
  const t = useTranslations('workOrders.timeline');
  const tStatus = useTranslations('enums.workOrderStatus');
  const tAction = useTranslations('enums.workOrderAction');
  const tRole = useTranslations('enums.role');
  const time = useCompanyTime();

  const who = (e: TimelineEntry) => {
    if (e.actor.role === 'SYSTEM') return t('system');
    if (e.actor.role === 'LIAISON') return e.office ? t('liaisonOf', { office: e.office.name }) : t('liaison');
    const role = ['ADMIN', 'STAFF', 'RESIDENT', 'EXECUTIVE', 'CASHIER'].includes(e.actor.role) ? tRole(e.actor.role as 'ADMIN') : '';
    return [e.actor.name ?? t('someone'), role].filter(Boolean).join(' · ');
  };
  const what = (e: TimelineEntry) => {
    if (e.kind === 'transition' && isAction(e.action)) return tAction(e.action);
    if (e.kind === 'transition' && !e.from) return t('created');
    if (e.kind === 'escalation' && e.action === 'handled') return t('streetHandled');
    return isKind(e.kind) ? t(`kinds.${e.kind}`) : e.kind;
  };

  // A street reply comes both as the echoed event and as the reply itself (same id): once, with its office.
  const byId = new Map<string, TimelineEntry>();
  for (const e of entries) if (!byId.has(e.id) || (e.office && !byId.get(e.id)!.office)) byId.set(e.id, e);
  const shown = [...byId.values()];

  if (shown.length === 0) return <p className="text-sm text-gray-500">{t('empty')}</p>;
  return (
    <ol className="relative space-y-4 border-l border-gray-200 pl-5" aria-label={t('label')} data-testid="order-timeline">
      {shown.map((e) => {
        const outside = e.kind === 'escalation' || e.kind === 'street_reply';
        return (
          <li key={e.id} className="relative" data-kind={e.kind}>
            <span
              aria-hidden
              className={cn('absolute top-1.5 -left-[26px] size-3 rounded-full border-2 border-white', outside ? 'bg-amber-500' : 'bg-brand-600')}
            />
            <div className={cn(outside && 'rounded-md border border-amber-200 bg-amber-50 p-2')}>
              <p className="text-sm font-medium text-gray-900">
                {what(e)}
                {e.from && e.to && (
                  <span className="ml-2 text-xs font-normal text-gray-600">
                    {tStatus(e.from)} → {tStatus(e.to)}
                  </span>
                )}
                {showVisibility && e.kind === 'note' && (
                  <span className="ml-2 text-xs font-normal text-gray-500">{e.toResident ? t('toResident') : t('internal')}</span>
                )}
              </p>
              <p className="text-xs text-gray-500">
                {who(e)} · <time dateTime={new Date(e.createdAt).toISOString()}>{time.dateTime(e.createdAt)}</time>
              </p>
              {e.note && <p className="mt-1 text-sm whitespace-pre-wrap text-gray-800">{e.note}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
