import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '@/server/db/scope';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant, uniq } from '../helpers/fixtures';
import { importUnits, parseUnitsCsv } from '@/server/property/import-units';
import { GET as sampleCsv } from '@/app/[tenant]/import/sample.csv/route';
import { code } from '../helpers/outcome';

// Issue #12 fee point 6: a unit's billing start date (计费起始日) is set in the unit form and the
// units import (optional column), shows on the unit, and the billing run prorates by it.

describe.skipIf(!pgServerUrl())('unit billing start (PostgreSQL)', () => {
  let t: TestDatabase;
  let T: Awaited<ReturnType<typeof makeTenant>>;
  let community: { id: string; name: string };
  let buildingId: string;
  const imp = (csv: string) => withScope(t.db.prisma, T.tenant.id, T.admin.id, (scope) => importUnits(scope, { csv }));

  beforeAll(async () => {
    t = await createTestDatabase();
    T = await makeTenant(t.db, 'Start 物业');
    const name = uniq('小区');
    community = { id: (await T.as.property.createCommunity({ tenant: T.slug, name })).id, name };
    buildingId = (await T.as.property.createBuilding({ tenant: T.slug, communityId: community.id, name: '1号楼' })).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('the unit form sets, changes and clears it; the unit shows it; the billing run prorates by it', async () => {
    const { id } = await T.as.property.createUnit({ tenant: T.slug, buildingId, number: '101', floor: 1, area: '100.00', billingStart: '2026-05-17' });
    expect((await T.as.property.getUnit({ tenant: T.slug, id })).billingStart).toBe('2026-05-17');
    expect((await T.as.property.listUnits({ tenant: T.slug })).rows.find((u) => u.id === id)?.billingStart).toBe('2026-05-17');
    expect(await code(T.as.property.updateUnit({ tenant: T.slug, id, billingStart: '2026-02-30' }))).toBe('BAD_REQUEST');
    expect(await code(T.as.property.updateUnit({ tenant: T.slug, id, billingStart: '17/05/2026' }))).toBe('BAD_REQUEST');
    await T.as.property.updateUnit({ tenant: T.slug, id, floor: 2 }); // left out: unchanged
    expect((await T.as.property.getUnit({ tenant: T.slug, id })).billingStart).toBe('2026-05-17');
    await T.as.property.updateUnit({ tenant: T.slug, id, billingStart: '' }); // the form's empty field clears it
    expect((await T.as.property.getUnit({ tenant: T.slug, id })).billingStart).toBeNull();
    await T.as.property.updateUnit({ tenant: T.slug, id, billingStart: '2026-05-17' });
    const plain = await T.as.property.createUnit({ tenant: T.slug, buildingId, number: '102', floor: 1, area: '100.00', billingStart: '' });
    expect((await T.as.property.getUnit({ tenant: T.slug, id: plain.id })).billingStart).toBeNull();

    // ¥3.10/m²/month × 100 m² = ¥310 a month; from 17 May: 15 of 31 days = ¥150.00.
    const item = await T.as.feeItems.create({
      tenant: T.slug,
      name: '物业费',
      calc: 'PER_AREA',
      dueDay: 15,
      communityIds: [community.id],
      initialPrice: { effectiveFrom: '2026-05', price: '3.10' },
    });
    await T.as.billing.commitRun({ tenant: T.slug, period: '2026-05', feeItemIds: [item.id] });
    const may = await T.as.billing.listBills({ tenant: T.slug, period: '2026-05' });
    expect(may.rows.find((b) => b.unitId === id)?.amountFen).toBe(15_000);
    expect(may.rows.find((b) => b.unitId === plain.id)?.amountFen).toBe(31_000);
    await T.as.billing.commitRun({ tenant: T.slug, period: '2026-06', feeItemIds: [item.id] });
    expect((await T.as.billing.listBills({ tenant: T.slug, period: '2026-06', unitId: id })).rows[0]?.amountFen).toBe(31_000);
  });

  it('the units import takes it as an optional column; an empty cell keeps what the unit has', async () => {
    const head = '小区,楼栋,单元,房号,楼层,建筑面积,计费起始日';
    const r = await imp([head, `${community.name},2号楼,,201,2,80.00,2026/6/3`, `${community.name},2号楼,,202,2,80.00,`].join('\n'));
    expect(r).toMatchObject({ ok: true, unitsCreated: 2 });
    const units = (await T.as.property.listUnits({ tenant: T.slug, q: '20' })).rows;
    const byNo = (n: string) => units.find((u) => u.number === n)!;
    expect(byNo('201').billingStart).toBe('2026-06-03');
    expect(byNo('202').billingStart).toBeNull();
    // Re-import: a date sets or changes it, an empty cell or no column keeps it.
    await imp([head, `${community.name},2号楼,,201,2,80.00,`, `${community.name},2号楼,,202,2,80.00,2026-07-01`].join('\n'));
    await imp(['小区,楼栋,单元,房号,楼层,建筑面积', `${community.name},2号楼,,201,3,80.00`].join('\n'));
    const after = (await T.as.property.listUnits({ tenant: T.slug, q: '20' })).rows;
    expect(after.find((u) => u.number === '201')).toMatchObject({ billingStart: '2026-06-03', floor: 3 });
    expect(after.find((u) => u.number === '202')?.billingStart).toBe('2026-07-01');
    // A bad date is refused by line and column, and nothing is written.
    const bad = await imp([head, `${community.name},2号楼,,203,2,80.00,2026-13-01`].join('\n'));
    expect(bad).toMatchObject({ ok: false, problems: [{ line: 2, column: 'billingStart' }] });
    expect((await T.as.property.listUnits({ tenant: T.slug, q: '203' })).total).toBe(0);
  });

  it('the sample files carry the column and parse cleanly', async () => {
    for (const lang of ['zh', 'en']) {
      const csv = await sampleCsv(new Request(`http://x/acme/import/sample.csv?lang=${lang}`)).text();
      const parsed = parseUnitsCsv(csv);
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows.filter((r) => r.billingStart).map((r) => [r.number, r.billingStart])).toEqual([['301', '2026-05-17']]);
    }
  });
});
