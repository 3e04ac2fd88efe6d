'use client';
import { useState } from 'react';
import Link from 'next/link';
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
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditActionKey, isAuditAction, isAuditEntity } from '@/server/shared/audit-catalog';
import { AuditDiff } from './audit-diff';

const FILTERS = { entity: parseAsStringLiteral(AUDIT_ENTITIES), action: parseAsStringLiteral(AUDIT_ACTIONS) };

export function AuditLog() {
  const t = useTranslations('audit');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const list = useListQuery(FILTERS, { pageSize: 50 });
  const [open, setOpen] = useState<Set<string>>(new Set());
  const query = useQuery({
    ...trpc.company.listAudit.queryOptions({ tenant: slug, entity: list.input.entity, action: list.input.action, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  // Every action and object type the services write has a name in both catalogs (tests/unit/audit-catalog.test.ts);
  // one written by a newer server than this page still reads in the user's language.
  const actionLabel = (a: string) => (isAuditAction(a) ? t(`actions.${auditActionKey(a)}` as 'actions.unit.create') : t('otherAction'));
  const entityLabel = (e: string) => (isAuditEntity(e) ? t(`entities.${e}`) : t('otherEntity'));
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
        filterGrid="md:grid-cols-[12rem_16rem]"
        filters={
          <>
            <ChoiceFilter
              label={t('filterEntity')}
              all={t('allEntities')}
              value={list.values.entity}
              onChange={(v) => {
                list.setFilter('entity', v);
                setOpen(new Set());
              }}
              choices={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
            />
            <ChoiceFilter
              label={t('filterAction')}
              all={t('allActions')}
              value={list.values.action}
              onChange={(v) => {
                list.setFilter('action', v);
                setOpen(new Set());
              }}
              choices={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
            />
          </>
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
                <span className="font-medium" data-testid="audit-action" title={r.action}>
                  {actionLabel(r.action)}
                </span>
              </Td>
              <Td className="min-w-48" data-testid="audit-object">
                <span className="block text-xs text-gray-600">{entityLabel(r.entity)}</span>
                {r.object ? (
                  r.object.href ? (
                    <Link href={`/${slug}${r.object.href}`} className="text-brand-700 hover:underline">
                      {r.object.label}
                    </Link>
                  ) : (
                    <span>{r.object.label}</span>
                  )
                ) : (
                  r.entityId && (
                    <span className="font-mono text-xs text-gray-500" title={r.entityId}>
                      #{r.entityId.slice(-8)}
                    </span>
                  )
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
