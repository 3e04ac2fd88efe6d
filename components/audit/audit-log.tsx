'use client';
import { Fragment, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime } from '@/components/tenant/format';
import { SelectField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Table, TBody, Td, Th, THead, TableMessage, Tr } from '@/components/ui/table';
import { Pagination } from '@/components/ui/pagination';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/card';
import { useServerErrorText } from '@/components/forms/use-error-text';
import { AuditDiff } from './audit-diff';

const PAGE_SIZE = 50;
// Entities that services audit today (recordAudit's `entity`).
const ENTITIES = ['Tenant', 'Membership', 'Invitation', 'Community', 'Building', 'Unit', 'Resident'] as const;
type Entity = (typeof ENTITIES)[number];

export function AuditLog() {
  const t = useTranslations('audit');
  const tc = useTranslations('common');
  const { slug } = useTenant();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const errorText = useServerErrorText();
  const [entity, setEntity] = useState<Entity | ''>('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const list = useQuery({
    ...trpc.company.audit.queryOptions({ tenant: slug, entity: entity || undefined, page, pageSize: PAGE_SIZE }),
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
      <div className="mb-3 flex items-end gap-3">
        <SelectField
          label={t('filterEntity')}
          value={entity}
          onChange={(e) => {
            setEntity(e.target.value as Entity | '');
            setPage(1);
            setOpen(new Set());
          }}
          fieldClassName="w-48"
        >
          <option value="">{t('allEntities')}</option>
          {ENTITIES.map((e) => (
            <option key={e} value={e}>
              {t(`entities.${e}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {list.error && (
        <Alert tone="error" className="mb-3">
          {errorText(list.error)}
        </Alert>
      )}
      <Table caption={t('title')}>
        <THead>
          <Th>{t('columns.time')}</Th>
          <Th>{t('columns.actor')}</Th>
          <Th>{t('columns.action')}</Th>
          <Th>{t('columns.entity')}</Th>
          <Th className="text-right">{t('columns.changes')}</Th>
        </THead>
        <TBody>
          {list.isPending && <TableMessage colSpan={5}>{tc('loading')}</TableMessage>}
          {list.data?.rows.length === 0 && <TableMessage colSpan={5}>{t('empty')}</TableMessage>}
          {list.data?.rows.map((r) => {
            const expanded = open.has(r.id);
            const hasChanges = r.before != null || r.after != null;
            return (
              <Fragment key={r.id}>
                <Tr>
                  <Td className="whitespace-nowrap tabular-nums text-gray-600">{time.dateTime(r.at, true)}</Td>
                  <Td className="whitespace-nowrap">
                    {r.actor ? (
                      <span title={r.actor.email}>{r.actor.name}</span>
                    ) : (
                      <span className="text-gray-500">{t('system')}</span>
                    )}
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
                </Tr>
                {expanded && (
                  <tr id={`audit-${r.id}`} className="bg-gray-50">
                    <td colSpan={5} className="px-3 py-2">
                      <AuditDiff before={r.before} after={r.after} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </TBody>
      </Table>
      {list.data && <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />}
    </div>
  );
}
