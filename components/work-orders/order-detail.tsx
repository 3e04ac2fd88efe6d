'use client';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { can } from '@/server/shared/permissions';
import { isOpen } from '@/server/shared/work-order-states';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Card, DetailList, PageHeader } from '@/components/ui/card';
import { PrioritySelect } from './priority-select';
import { PriorityBadge, SlaBadge, StatusBadge } from './badges';
import { OrderTimeline } from './order-timeline';
import { PhotoGallery } from './photo-gallery';
import { StaffActions } from './staff-actions';
import { Stars } from './star-rating';
import { EscalateButton } from './escalate-dialog';
import { useRefreshOrders } from './use-refresh-orders';

type Order = RouterOutputs['workOrders']['getOrder'];

/** One order for staff, dispatchers, admins and executives: what, where, clocks, photos, timeline and the allowed actions. */
export function OrderDetail({ initial }: { initial: Order }) {
  const t = useTranslations('workOrders.detail');
  const company = useTenant();
  const { slug } = company;
  const trpc = useTRPC();
  const time = useCompanyTime();
  const money = useMoney();
  const { data: o } = useQuery({ ...trpc.workOrders.getOrder.queryOptions({ tenant: slug, orderId: initial.id }), initialData: initial });
  const open = isOpen(o.status);
  const dispatcher = can(company, 'workorders.dispatch');
  const canEscalate = can(company, 'workorders.followUp') && o.status !== 'CANCELLED';
  const refresh = useRefreshOrders();
  const canNote = open && can(company, 'workorders.work') && (o.actors.includes('ASSIGNEE') || o.actors.includes('DISPATCHER'));
  const requestPhotos = o.photos.filter((p) => p.stage === 'request');
  const workPhotos = o.photos.filter((p) => p.stage !== 'request');

  return (
    <div className="space-y-5">
      <PageHeader
        back={
          <Link href={`/${slug}/work-orders`} className="text-brand-700 hover:underline">
            {t('back')}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t('title', { number: o.number })}
            <StatusBadge status={o.status} />
            <PriorityBadge priority={o.priority} />
          </span>
        }
        description={o.item ? `${o.category.name} · ${o.item.name}` : o.category.name}
      />
      {/* Phones: one column in working order (what, actions, clocks, photos, contact, timeline); wide screens: two columns. */}
      <div className="flex flex-col gap-5 lg:grid lg:grid-cols-3">
        <div className="contents lg:col-span-2 lg:block lg:space-y-5">
          <Card title={t('request')} className="order-1">
            <p className="mb-4 text-sm whitespace-pre-wrap text-gray-900" data-testid="order-text">
              {o.text}
            </p>
            <DetailList
              items={[
                { label: t('community'), value: o.community.name },
                { label: t('unit'), value: o.unit?.label ?? t('commonArea') },
                ...(o.station ? [{ label: t('station'), value: [o.station.name, o.station.place].filter(Boolean).join(' · ') }] : []),
                ...(o.preferredTime ? [{ label: t('preferredTime'), value: o.preferredTime }] : []),
                { label: t('createdAt'), value: time.dateTime(o.createdAt) },
                { label: t('price'), value: <PriceText order={o} money={money} /> },
              ]}
            />
            {o.status === 'CANCELLED' && o.cancelReason && <p className="mt-4 text-sm text-gray-700">{t('cancelled', { reason: o.cancelReason })}</p>}
          </Card>

          <Card title={t('photos')} className="order-4">
            {o.photos.length === 0 ? (
              <p className="text-sm text-gray-500">{t('noPhotos')}</p>
            ) : (
              <div className="space-y-3">
                {requestPhotos.length > 0 && (
                  <div>
                    <h3 className="mb-1 text-sm font-medium text-gray-700">{t('requestPhotos')}</h3>
                    <PhotoGallery photos={requestPhotos} label={t('requestPhotos')} />
                  </div>
                )}
                {workPhotos.length > 0 && (
                  <div>
                    <h3 className="mb-1 text-sm font-medium text-gray-700">{t('workPhotos')}</h3>
                    <PhotoGallery photos={workPhotos} label={t('workPhotos')} />
                  </div>
                )}
              </div>
            )}
          </Card>

          <Card title={t('timeline')} className="order-7">
            <OrderTimeline entries={o.timeline} showVisibility />
          </Card>
        </div>

        <div className="contents lg:block lg:space-y-5">
          {(o.actions.length > 0 || canNote || (dispatcher && open) || canEscalate) && (
            <Card title={t('actions')} data-testid="order-actions" className="order-2">
              <div className="space-y-3">
                {dispatcher && open && (
                  <div className="flex items-center gap-2 text-sm text-gray-700">
                    {t('priority')}
                    <PrioritySelect orderId={o.id} number={o.number} value={o.priority} />
                  </div>
                )}
                <StaffActions order={{ id: o.id, number: o.number }} actions={o.actions} canNote={canNote} assigneeId={o.assignee?.id} />
                {canEscalate && <EscalateButton orderId={o.id} onEscalated={() => void refresh()} />}
              </div>
            </Card>
          )}

          <Card title={t('sla')} className="order-3">
            <Clocks order={o} />
          </Card>

          <Card title={t('assignee')} className="order-6">
            {o.assignee ? (
              <p className="text-sm text-gray-900">
                {o.assignee.name}
                {o.assignee.phone && (
                  <a href={`tel:${o.assignee.phone}`} className="ml-2 text-brand-700 hover:underline">
                    {o.assignee.phone}
                  </a>
                )}
              </p>
            ) : (
              <p className="text-sm text-gray-500">{t('unassigned')}</p>
            )}
          </Card>

          {o.contact && (
            <Card title={t('contact')} data-testid="resident-contact" className="order-5">
              {o.contact.length === 0 ? (
                <p className="text-sm text-gray-500">{t('noContact')}</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {o.contact.map((c) => (
                    <li key={c.id}>
                      {c.name}
                      {c.phone && (
                        <a href={`tel:${c.phone}`} className="ml-2 text-brand-700 hover:underline">
                          {c.phone}
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}

          {o.rating !== null && (
            <Card title={t('rating')} className="order-8">
              <Stars rating={o.rating} />
              {o.ratedByPhone && <span className="ml-2 text-xs text-gray-500">({t('ratedByPhone')})</span>}
              {o.ratingComment && <p className="mt-2 text-sm whitespace-pre-wrap text-gray-800">{o.ratingComment}</p>}
            </Card>
          )}

          {o.escalations.length > 0 && (
            <Card title={t('escalations')} className="order-9">
              <ul className="space-y-2 text-sm" data-testid="escalations">
                {o.escalations.map((x) => (
                  <li key={x.id}>
                    {t('escalationLine', { office: x.office.name, status: t(`escalationStatus.${x.status}`), time: time.dateTime(x.escalatedAt) })}
                    <span className="ml-1 text-gray-500">· {t('escalationReplies', { count: x.replies })}</span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {o.reopenUntil && new Date(o.reopenUntil).getTime() > Date.now() && (
            <p className="order-10 text-xs text-gray-500">{t('reopenUntil', { time: time.dateTime(o.reopenUntil) })}</p>
          )}
          {o.priceModel !== 'FREE' && (o.status === 'COMPLETED' || isOpen(o.status)) && <p className="order-10 text-xs text-gray-500">{t('billedNote')}</p>}
        </div>
      </div>
    </div>
  );
}

type PricedOrder = Pick<Order, 'priceModel' | 'priceFen' | 'quotedAt' | 'quoteAcceptedAt'>;

/** Free / ¥30.00 / ¥120.00 (awaiting the resident) / quoted after inspection. */
export function PriceText({ order: o, money }: { order: PricedOrder; money: (fen: number) => string }) {
  const t = useTranslations('workOrders.detail');
  const tModel = useTranslations('enums.priceModel');
  if (o.priceModel === 'FREE' || o.priceFen === null) return <>{tModel(o.priceModel)}</>;
  const price = money(o.priceFen);
  if (o.priceModel === 'QUOTED') return <>{o.quoteAcceptedAt ? t('quoteAccepted', { price }) : o.quotedAt ? t('quotePending', { price }) : price}</>;
  return <>{price}</>;
}

type Clocked = Pick<Order, 'firstResponseDueAt' | 'resolveDueAt' | 'firstRespondedAt' | 'completedAt' | 'pausedSince' | 'sla'>;

/** Both SLA clocks: deadline, state in words, when met; the pause while a quote awaits the resident. */
export function Clocks({ order: o }: { order: Clocked }) {
  const t = useTranslations('workOrders.sla');
  const time = useCompanyTime();
  const row = (label: string, due: Date, flag: Clocked['sla']['firstResponse'], done: Date | null, doneText: string): ReactNode => (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <time dateTime={new Date(due).toISOString()} className="text-gray-900">
          {time.dateTime(due)}
        </time>
        <SlaBadge flag={flag} />
        {done && <span className="w-full text-right text-xs text-gray-500">{doneText}</span>}
      </dd>
    </div>
  );
  return (
    <div className="space-y-2 text-sm" data-testid="order-sla">
      <dl className="space-y-2">
        {row(
          t('firstResponseDue'),
          o.firstResponseDueAt,
          o.sla.firstResponse,
          o.firstRespondedAt,
          o.firstRespondedAt ? t('respondedAt', { time: time.dateTime(o.firstRespondedAt) }) : '',
        )}
        {row(t('resolveDue'), o.resolveDueAt, o.sla.resolution, o.completedAt, o.completedAt ? t('completedAt', { time: time.dateTime(o.completedAt) }) : '')}
      </dl>
      {o.pausedSince && <p className="text-xs text-gray-600">{t('pausedSince', { time: time.dateTime(o.pausedSince) })}</p>}
    </div>
  );
}
