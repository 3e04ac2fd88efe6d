'use client';
import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useMoney } from '@/components/tenant/format';
import { Card, PageHeader } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Dialog } from '@/components/ui/dialog';
import { Alert } from '@/components/ui/alert';
import { Td, Th } from '@/components/ui/table';
import { ActionsTh, ArchiveToggle, archivedRow, ListShell } from '@/components/list/list-shell';
import { ArchivedBadge, ArchivedFilter, ChoiceFilter } from '@/components/list/list-filters';
import { parseAsBoolean, parseAsString, useListQuery } from '@/components/list/use-list-query';
import { useServerError } from '@/components/forms/use-server-error';
import { useCommunityNames } from '@/components/fee-items/community-checkboxes';
import { CategoryForm } from './category-form';
import { ItemForm } from './item-form';

type Category = RouterOutputs['services']['listCategories'][number];
type Item = RouterOutputs['services']['listItems'][number];

const FILTERS = { category: parseAsString, includeArchived: parseAsBoolean.withDefault(false) };

/** 服务目录: the categories (ordered) and the items residents order, with price model, SLA and reach. */
export function ServicesPanel() {
  const t = useTranslations('services');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useListQuery(FILTERS);
  const { category, includeArchived } = list.input;
  const categories = useQuery(trpc.services.listCategories.queryOptions({ tenant: slug, includeArchived: true }));
  const items = useQuery({
    ...trpc.services.listItems.queryOptions({ tenant: slug, categoryId: category ?? undefined, includeArchived }),
    placeholderData: keepPreviousData,
  });
  const [editing, setEditing] = useState<{ kind: 'category'; category?: Category } | { kind: 'item'; item?: Item } | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.services.listCategories.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.services.listItems.queryKey() }),
    ]);
  const close = () => setEditing(null);
  const done = async () => {
    await refresh();
    close();
  };
  const cats = categories.data ?? [];
  const catName = new Map(cats.map((c) => [c.id, c.name]));

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <>
            <Button variant="secondary" onClick={() => setEditing({ kind: 'category' })}>
              {t('category.new')}
            </Button>
            <Button onClick={() => setEditing({ kind: 'item' })} disabled={cats.every((c) => c.archived)}>
              {t('item.new')}
            </Button>
          </>
        }
      />
      <Card title={t('categories')}>
        <Categories categories={cats} pending={categories.isPending} onEdit={(c) => setEditing({ kind: 'category', category: c })} onChanged={refresh} />
      </Card>
      <Card title={t('items')}>
        <ItemsList
          list={list}
          query={items}
          categories={cats}
          catName={(id) => catName.get(id) ?? '…'}
          onEdit={(item) => setEditing({ kind: 'item', item })}
          onChanged={refresh}
        />
      </Card>
      <Dialog
        open={editing?.kind === 'category'}
        onClose={close}
        title={editing?.kind === 'category' && editing.category ? t('category.edit') : t('category.new')}
      >
        {editing?.kind === 'category' && <CategoryForm category={editing.category} onDone={done} onCancel={close} />}
      </Dialog>
      <Dialog open={editing?.kind === 'item'} onClose={close} title={editing?.kind === 'item' && editing.item ? t('item.edit') : t('item.new')} wide>
        {editing?.kind === 'item' && (
          <ItemForm item={editing.item} categories={cats} categoryId={category ?? cats.find((c) => !c.archived)?.id ?? ''} onDone={done} onCancel={close} />
        )}
      </Dialog>
    </div>
  );
}

function Categories({
  categories,
  pending,
  onEdit,
  onChanged,
}: {
  categories: Category[];
  pending: boolean;
  onEdit: (c: Category) => void;
  onChanged: () => Promise<unknown>;
}) {
  const t = useTranslations('services');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const errorText = useServerError().text;
  const [error, setError] = useState<string | null>(null);
  const reorder = useMutation(trpc.services.reorderCategories.mutationOptions());
  const archive = useMutation(trpc.services.archiveCategory.mutationOptions());
  const run = async (p: Promise<unknown>) => {
    setError(null);
    try {
      await p;
      await onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const move = (i: number, d: -1 | 1) => {
    const ids = categories.map((c) => c.id);
    const j = i + d;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    return run(reorder.mutateAsync({ tenant: slug, ids }));
  };
  if (pending) return <p className="text-sm text-gray-500">{t('loading')}</p>;
  return (
    <div>
      {error && (
        <Alert tone="error" className="mb-3">
          {error}
        </Alert>
      )}
      {categories.length === 0 && <p className="text-sm text-gray-500">{t('noCategories')}</p>}
      <ol className="divide-y divide-gray-100 rounded-md border border-gray-200" data-testid="service-categories">
        {categories.map((c, i) => (
          <li key={c.id} className="flex flex-wrap items-center gap-2 px-3 py-2" data-testid="service-category">
            <span className={c.archived ? 'text-gray-400' : 'font-medium text-gray-900'}>{c.name}</span>
            <Badge tone="blue">{t(`kinds.${c.kind as 'other'}`)}</Badge>
            <span className="text-xs text-gray-500">{t('itemCount', { count: c.itemCount })}</span>
            <ArchivedBadge archived={c.archived} />
            <span className="ml-auto flex flex-wrap gap-1">
              <Button size="sm" variant="ghost" disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)} aria-label={t('moveUp', { name: c.name })}>
                ↑
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={i === categories.length - 1 || reorder.isPending}
                onClick={() => move(i, 1)}
                aria-label={t('moveDown', { name: c.name })}
              >
                ↓
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onEdit(c)}>
                {t('rename')}
              </Button>
              <ArchiveToggle archived={c.archived} onToggle={() => run(archive.mutateAsync({ tenant: slug, id: c.id, archived: !c.archived }))} />
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ItemsList({
  list,
  query,
  categories,
  catName,
  onEdit,
  onChanged,
}: {
  list: ReturnType<typeof useListQuery<typeof FILTERS>>;
  query: { isPending: boolean; error: unknown; data?: Item[] };
  categories: Category[];
  catName: (id: string) => string;
  onEdit: (i: Item) => void;
  onChanged: () => Promise<unknown>;
}) {
  const t = useTranslations('services');
  const { slug } = useTenant();
  const trpc = useTRPC();
  const money = useMoney();
  const communityName = useCommunityNames();
  const errorText = useServerError().text;
  const [error, setError] = useState<string | null>(null);
  const archive = useMutation(trpc.services.archiveItem.mutationOptions());
  const price = (i: Item) =>
    i.priceModel === 'FREE'
      ? t('priceModels.FREE')
      : i.priceModel === 'FIXED'
        ? money(i.priceFen ?? 0)
        : i.priceFen != null
          ? t('quotedFrom', { price: money(i.priceFen) })
          : t('priceModels.QUOTED');
  return (
    <ListShell
      list={list}
      query={query}
      caption={t('items')}
      filterGrid="md:grid-cols-[16rem_auto]"
      actionError={error}
      filters={
        <>
          <ChoiceFilter
            label={t('item.category')}
            all={t('allCategories')}
            value={list.values.category}
            onChange={(v) => list.setFilter('category', v)}
            choices={categories.map((c) => ({ value: c.id, label: c.name }))}
          />
          <ArchivedFilter checked={list.values.includeArchived} onChange={(v) => list.setFilter('includeArchived', v)} />
        </>
      }
      head={
        <>
          <Th>{t('columns.name')}</Th>
          <Th>{t('columns.category')}</Th>
          <Th className="text-right">{t('columns.price')}</Th>
          <Th>{t('columns.sla')}</Th>
          <Th>{t('columns.where')}</Th>
          <Th>{t('columns.skills')}</Th>
          <ActionsTh />
        </>
      }
      rowKey={(i) => i.id}
      rowTestId="service-item-row"
      rowState={archivedRow}
      empty={t('noItems')}
      cells={(i) => (
        <>
          <Td className="font-medium">
            <button type="button" className="text-left text-brand-700 hover:underline" onClick={() => onEdit(i)}>
              {i.name}
            </button>
            <ArchivedBadge archived={i.archived} />
            {i.description && <span className="block text-xs font-normal text-gray-500">{i.description}</span>}
          </Td>
          <Td className="whitespace-nowrap">{catName(i.categoryId)}</Td>
          <Td className="text-right whitespace-nowrap tabular-nums">{price(i)}</Td>
          <Td className="text-sm whitespace-nowrap">
            {t('slaShort', { minutes: i.firstResponseMinutes, hours: i.resolveHours })}
            {i.defaultPriority !== 'NORMAL' && (
              <span className="ml-1">
                <Badge tone={i.defaultPriority === 'URGENT' ? 'red' : 'gray'}>{t(`priority.${i.defaultPriority}`)}</Badge>
              </span>
            )}
          </Td>
          <Td className="text-sm">{i.communityIds.length ? i.communityIds.map(communityName).join('、') : t('everywhere')}</Td>
          <Td className="text-sm text-gray-600">{i.skills.join(', ') || '—'}</Td>
          <Td className="whitespace-nowrap">
            <Button size="sm" variant="ghost" onClick={() => onEdit(i)}>
              {t('edit')}
            </Button>
            <ArchiveToggle
              archived={i.archived}
              onToggle={async () => {
                setError(null);
                try {
                  await archive.mutateAsync({ tenant: slug, id: i.id, archived: !i.archived });
                  await onChanged();
                } catch (e) {
                  setError(errorText(e));
                }
              }}
            />
          </Td>
        </>
      )}
    />
  );
}
