import 'server-only';
import type { Scope } from '../../db/scope';
import type { z } from 'zod';
import { addMonths, cycleStart } from '../../shared/calendar';
import { ZRunInput } from '../../shared/schemas/billing';
import { type MeteredCandidate, areaCandidates, meteredCandidates } from './candidates';
import { SKIP_TEXT, type SkipCode, planRun } from './plan';

// previewRun evaluates the run's SQL without writing and explains every object left out.

const SAMPLE = 20;

export type PreviewSkip = {
  feeItemId: string;
  feeItemName: string;
  reason: SkipCode;
  message: string;
  count: number;
  examples: { objectKind: string; objectId: string; label: string }[];
};

export async function previewRun({ db, tenantId }: Scope, input: z.output<typeof ZRunInput>) {
  const plan = await planRun(db, tenantId, input);
  const closed = await db.periodClose.findUnique({ where: { tenantId_period: { tenantId, period: plan.period } }, select: { id: true } });
  const area = plan.items.filter((i) => i.calc === 'PER_AREA' || i.calc === 'FIXED');
  const metered = await meteredCandidates(
    db,
    tenantId,
    plan,
    plan.items.filter((i) => i.calc === 'METERED'),
    { preview: true },
  );
  const meteredObjects = [...new Set(metered.filter((m) => m.reason === null).map((m) => m.objectId))];

  type Group = {
    item_id: string | null;
    reason: SkipCode | null;
    n: number;
    total: bigint;
    objects: number;
    samples: { objectKind: string; objectId: string; label: string; amountFen: number; payerKind: string; payerId: string }[] | null;
  };
  const groups = area.length
    ? await db.$queryRaw<Group[]>`
        ${areaCandidates(tenantId, plan, area, { preview: true })},
        ranked as (select c.*, row_number() over (partition by c.item_id, c.reason order by c.label, c.object_id) as rn from cand c)
        select item_id, reason, count(*)::int as n,
               coalesce(sum(amount_fen) filter (where reason is null), 0)::bigint as total,
               (select count(*)::int from (select object_id from ranked where reason is null union select unnest(${meteredObjects}::text[])) d) as objects,
               json_agg(json_build_object('objectKind', object_kind, 'objectId', object_id, 'label', label, 'amountFen', amount_fen,
                                          'payerKind', payer_kind, 'payerId', payer_id) order by label, object_id) filter (where rn <= ${SAMPLE}) as samples
        from ranked group by item_id, reason`
    : [];

  const itemById = new Map(plan.items.map((i) => [i.id, i]));
  const perItem = new Map(plan.items.map((i) => [i.id, { bills: 0, totalFen: 0, skipped: 0 }]));
  const skipped: PreviewSkip[] = [];
  const toBill: { feeItemId: string; objectKind: string; objectId: string; label: string; amountFen: number; consumption?: string | null }[] = [];
  const skip = (feeItemId: string, reason: SkipCode, count: number, examples: PreviewSkip['examples']) => {
    const item = itemById.get(feeItemId)!;
    perItem.get(feeItemId)!.skipped += count;
    skipped.push({
      feeItemId,
      feeItemName: item.name,
      reason,
      message: SKIP_TEXT[reason]({ period: plan.period, cycle: item.cycle, next: addMonths(cycleStart(plan.period, item.cycle), item.months) }),
      count,
      examples,
    });
  };
  let objects = meteredObjects.length;
  for (const g of groups) {
    objects = g.objects;
    const item = g.item_id!;
    if (g.reason === null) {
      perItem.get(item)!.bills += g.n;
      perItem.get(item)!.totalFen += Number(g.total);
      for (const s of g.samples ?? [])
        toBill.push({ feeItemId: item, objectKind: s.objectKind, objectId: s.objectId, label: s.label, amountFen: Number(s.amountFen) });
    } else {
      skip(
        item,
        g.reason,
        g.n,
        (g.samples ?? []).map((s) => ({ objectKind: s.objectKind, objectId: s.objectId, label: s.label })),
      );
    }
  }
  const meteredGroups = new Map<string, MeteredCandidate[]>();
  for (const m of metered) {
    const k = `${m.itemId}\u0000${m.reason ?? ''}`;
    meteredGroups.set(k, [...(meteredGroups.get(k) ?? []), m]);
  }
  for (const list of meteredGroups.values()) {
    const { itemId, reason } = list[0]!;
    list.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    if (reason === null) {
      perItem.get(itemId)!.bills += list.length;
      perItem.get(itemId)!.totalFen += list.reduce((s, m) => s + m.amountFen, 0);
      for (const m of list.slice(0, SAMPLE))
        toBill.push({ feeItemId: itemId, objectKind: 'UNIT', objectId: m.objectId, label: m.label, amountFen: m.amountFen, consumption: m.consumption });
    } else {
      skip(
        itemId,
        reason,
        list.length,
        list.slice(0, SAMPLE).map((m) => ({ objectKind: 'UNIT', objectId: m.objectId, label: m.label })),
      );
    }
  }
  // An item skipped as a whole is reported even when it has no object in scope.
  for (const i of plan.items) if (i.skip && !skipped.some((s) => s.feeItemId === i.id)) skip(i.id, i.skip, 0, []);

  const items = plan.items.map((i) => ({
    feeItemId: i.id,
    name: i.name,
    calc: i.calc,
    cycle: i.cycle,
    priceUnits: i.skip ? null : i.priceUnits,
    dueDate: i.dueDate,
    ...perItem.get(i.id)!,
  }));
  return {
    period: plan.period,
    closed: !!closed,
    objects,
    bills: items.reduce((s, i) => s + i.bills, 0),
    totalFen: items.reduce((s, i) => s + i.totalFen, 0),
    items,
    skipped,
    toBill,
  };
}
