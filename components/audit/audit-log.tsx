'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { Button } from '@/components/ui/button';
import { Td, Th } from '@/components/ui/table';
import { PageHeader } from '@/components/ui/card';
import { ListShell } from '@/components/list/list-shell';
import { ChoiceFilter } from '@/components/list/list-filters';
import { parseAsStringLiteral, useListQuery } from '@/components/list/use-list-query';
import { AuditDiff } from './audit-diff';

// Entities that services audit today (recordAudit's `entity`).
const ENTITIES = [
  'Tenant',
  'Membership',
  'Invitation',
  'Community',
  'Building',
  'Unit',
  'Resident',
  'OnlinePaymentSettings',
  'ServiceCategory',
  'ServiceItem',
  'ServiceStation',
  'StationSettings',
] as const;
type Entity = (typeof ENTITIES)[number];
const FILTERS = { entity: parseAsStringLiteral(ENTITIES) };

export function AuditLog() {
  const t = useTranslations('audit');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS, { pageSize: 50 });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const query = useQuery({
    ...trpc.company.listAudit.queryOptions({ tenant: slug, entity: list.input.entity, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const actionLabel = (a: string) => (t.has(`actions.${a}` as 'actions.unit.create') ? t(`actions.${a}` as 'actions.unit.create') : a);
  const entityLabel = (e: string) => ((ENTITIES as readonly string[]).includes(e) ? t(`entities.${e as Entity}`) : e);
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <div>
      <PageHeader title={t('title')} description={t('description', { timeZone: time.timeZone })} />
      <ListShell
        list={list}
        query={query}
        caption={t('title')}
        filterGrid="md:grid-cols-[12rem]"
        filters={
          <ChoiceFilter
            label={t('filterEntity')}
            all={t('allEntities')}
            value={list.values.entity}
            onChange={(v) => {
              list.setFilter('entity', v);
              setOpen(new Set());
            }}
            choices={ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
          />
        }
        head={
          <>
            <Th>{t('columns.time')}</Th>
            <Th>{t('columns.actor')}</Th>
            <Th>{t('columns.action')}</Th>
            <Th>{t('columns.entity')}</Th>
            <Th className="text-right">{t('columns.changes')}</Th>
          </>
        }
        rowKey={(r) => r.id}
        empty={t('empty')}
        noMatches={t('empty')}
        detail={(r) =>
          open.has(r.id) && (
            <div id={`audit-${r.id}`}>
              <AuditDiff before={r.before} after={r.after} />
            </div>
          )
        }
        cells={(r) => {
          const expanded = open.has(r.id);
          const hasChanges = r.before != null || r.after != null;
          return (
            <>
              <Td className="whitespace-nowrap tabular-nums text-gray-600">{time.dateTime(r.at, true)}</Td>
              <Td className="whitespace-nowrap">
                {r.actor ? <span title={r.actor.email ?? undefined}>{r.actor.name}</span> : <span className="text-gray-500">{t('system')}</span>}
              </Td>
              <Td>
                <span className="font-medium">{actionLabel(r.action)}</span>
                <span className="ml-2 font-mono text-xs text-gray-400">{r.action}</span>
              </Td>
              <Td className="whitespace-nowrap">
                {entityLabel(r.entity)}
                {r.entityId && (
                  <span className="ml-1 font-mono text-xs text-gray-400" title={r.entityId}>
                    #{r.entityId.slice(-8)}
                  </span>
                )}
              </Td>
              <Td className="text-right">
                {hasChanges && (
                  <Button variant="ghost" size="sm" aria-expanded={expanded} aria-controls={`audit-${r.id}`} onClick={() => toggle(r.id)}>
                    {expanded ? t('hide') : t('show')}
                  </Button>
                )}
              </Td>
            </>
          );
        }}
      />
    </div>
  );
}
