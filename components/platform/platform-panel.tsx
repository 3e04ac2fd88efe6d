'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { formatDateTime } from '@/components/tenant/format';
import { Card, PageHeader } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { Loading } from '@/components/ui/empty-state';
import { Td, Th } from '@/components/ui/table';
import { ListShell } from '@/components/list/list-shell';
import { useListQuery } from '@/components/list/use-list-query';
import { SavedForm, useSavedForm } from '@/components/forms/saved-form';
import { StripeStatusBadge } from '@/components/online-payments/stripe-status-badge';
import { StreetOffices } from './street-offices';
import { StationStandardSection } from './station-standard-section';
import { ZApplicationFeeForm } from '@/server/shared/schemas/platform';
import { applicationFeeFor, type ApplicationFee } from '@/server/shared/application-fee';
import { formatFen } from '@/server/shared/money';
import { fenToYuanText, yuanToFen } from '@/server/shared/money-input';

// The platform operates in China: its times are Beijing time, its fee is in yuan.
const PLATFORM_TZ = 'Asia/Shanghai';
const PLATFORM_CURRENCY = 'CNY';
const EXAMPLE_FEN = 10_000;

/** /platform: every company with its online payment status, the application fee, and the audit of changes. */
export function PlatformPanel({ email }: { email: string }) {
  const t = useTranslations('platform');
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('description')} actions={<span className="text-sm text-gray-500">{t('signedInAs', { email })}</span>} />
      <Card title={t('fee.title')}>
        <FeeSection />
      </Card>
      <Card title={t('companies.title')}>
        <Companies />
      </Card>
      <Card title={t('streetOffices.title')}>
        <StreetOffices />
      </Card>
      <Card title={t('stationStandard')} data-testid="platform-station-standard">
        <StationStandardSection />
      </Card>
      <Card title={t('audit.title')}>
        <Audit />
      </Card>
    </div>
  );
}

function useFormat() {
  const locale = useLocale();
  return {
    money: (fen: number) => formatFen(fen, PLATFORM_CURRENCY, locale),
    time: (v: Date | string) => formatDateTime(v, PLATFORM_TZ, locale),
  };
}

function FeeSection() {
  const t = useTranslations('platform.fee');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.platform.getApplicationFee.queryOptions());
  const { time } = useFormat();
  if (!current.data) return <Loading label={t('loading')} />;
  const d = current.data;
  return (
    <div>
      <p className="mb-4 text-sm text-gray-600">{t('explain')}</p>
      <FeeForm
        initial={d}
        onSaved={() =>
          Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.platform.getApplicationFee.queryKey() }),
            queryClient.invalidateQueries({ queryKey: trpc.platform.listAudit.queryKey() }),
          ])
        }
      />
      {d.updatedAt && d.updatedBy && <p className="mt-3 text-xs text-gray-500">{t('lastChanged', { at: time(d.updatedAt), by: d.updatedBy })}</p>}
    </div>
  );
}

function FeeForm({ initial, onSaved }: { initial: ApplicationFee; onSaved: () => Promise<unknown> }) {
  const t = useTranslations('platform.fee');
  const trpc = useTRPC();
  const { money } = useFormat();
  const save = useMutation(trpc.platform.updateApplicationFee.mutationOptions());
  const f = useSavedForm(ZApplicationFeeForm, {
    defaultValues: { bps: String(initial.bps), fixedFen: fenToYuanText(initial.fixedFen) },
    save: async (values) => {
      await save.mutateAsync(values);
      await onSaved();
    },
  });
  const bps = Number(f.form.watch('bps'));
  const fixed = yuanToFen(String(f.form.watch('fixedFen') ?? ''));
  const example = Number.isInteger(bps) && bps >= 0 && bps <= 10_000 && fixed !== null ? money(applicationFeeFor(EXAMPLE_FEN, { bps, fixedFen: fixed })) : '—';
  return (
    <SavedForm f={f} savedText={t('saved')} submitLabel={t('save')} data-testid="application-fee-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t('bps')} hint={t('bpsHint')} inputMode="numeric" {...f.field('bps')} />
        <TextField label={t('fixed')} inputMode="decimal" {...f.field('fixedFen')} />
      </div>
      <p className="mt-3 text-sm text-gray-600" data-testid="application-fee-example">
        {t('example', { amount: money(EXAMPLE_FEN), fee: example })}
      </p>
    </SavedForm>
  );
}

function Companies() {
  const t = useTranslations('platform.companies');
  const trpc = useTRPC();
  const { time } = useFormat();
  const query = useQuery(trpc.platform.listCompanies.queryOptions());
  return (
    <ListShell
      query={query}
      caption={t('caption')}
      testId="platform-companies"
      rowTestId="platform-company"
      head={
        <>
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.slug')}</Th>
          <Th>{t('columns.status')}</Th>
          <Th>{t('columns.account')}</Th>
          <Th className="text-right">{t('columns.members')}</Th>
          <Th>{t('columns.created')}</Th>
        </>
      }
      rowKey={(c) => c.tenantId}
      cells={(c) => (
        <>
          <Td className="font-medium text-gray-900">{c.name}</Td>
          <Td className="text-gray-600">/{c.slug}</Td>
          <Td>
            <StripeStatusBadge status={c.stripeStatus} />
          </Td>
          <Td className="font-mono text-xs text-gray-600">{c.stripeAccountId ?? '—'}</Td>
          <Td className="text-right tabular-nums">{c.members}</Td>
          <Td className="whitespace-nowrap tabular-nums text-gray-600">{time(c.createdAt)}</Td>
        </>
      )}
      empty={t('empty')}
    />
  );
}

/** The platform audit's action names → their labels (platform.audit.actions). */
const ACTION_KEYS = {
  'platform.applicationFee': 'applicationFee',
  'platform.stationStandard': 'stationStandard',
  'street.office.create': 'streetOfficeCreate',
  'street.liaison.add': 'streetLiaisonAdd',
  'street.liaison.disable': 'streetLiaisonDisable',
} as const;

function Audit() {
  const t = useTranslations('platform.audit');
  const trpc = useTRPC();
  const { time, money } = useFormat();
  const list = useListQuery({}, { pageSize: 20, prefix: 'audit' });
  const query = useQuery({ ...trpc.platform.listAudit.queryOptions({ page: list.page, pageSize: list.pageSize }), placeholderData: keepPreviousData });
  const actionLabel = (action: string) => (Object.hasOwn(ACTION_KEYS, action) ? t(`actions.${ACTION_KEYS[action as keyof typeof ACTION_KEYS]}`) : action);
  const value = (action: string, v: unknown) => {
    const fee = v as Partial<ApplicationFee> | null;
    if (action === 'platform.applicationFee' && fee && typeof fee.bps === 'number' && typeof fee.fixedFen === 'number') {
      return t('feeValue', { bps: fee.bps, fixed: money(fee.fixedFen) });
    }
    return v == null ? '—' : JSON.stringify(v);
  };
  return (
    <ListShell
      list={list}
      query={query}
      caption={t('caption')}
      testId="platform-audit"
      rowTestId="platform-audit-row"
      head={
        <>
          <Th>{t('columns.time')}</Th>
          <Th>{t('columns.actor')}</Th>
          <Th>{t('columns.action')}</Th>
          <Th>{t('columns.before')}</Th>
          <Th>{t('columns.after')}</Th>
        </>
      }
      rowKey={(r) => r.id}
      cells={(r) => (
        <>
          <Td className="whitespace-nowrap tabular-nums text-gray-600">{time(r.createdAt)}</Td>
          <Td>{r.actorEmail}</Td>
          <Td>{actionLabel(r.action)}</Td>
          <Td className="text-gray-600">{value(r.action, r.before)}</Td>
          <Td>{value(r.action, r.after)}</Td>
        </>
      )}
      empty={t('empty')}
    />
  );
}
