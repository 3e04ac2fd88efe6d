import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { localDate } from '@/server/shared/calendar';

// The one payer search (issue #13 point 4): every form a cashier types finds the right payer at
// the desk, in the bills list and in the payments list; another company's payer never appears.
describe.skipIf(!pgServerUrl())('payer search (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  const u: Record<string, string> = {};
  let receiptNo = '';

  async function register(T: typeof A, community: string, rows: [building: string, entrance: string, number: string, resident?: [string, string]][]) {
    const c = await T.as.property.createCommunity({ tenant: T.slug, name: community });
    const buildings = new Map<string, string>();
    const ids: string[] = [];
    for (const [building, entrance, number, resident] of rows) {
      if (!buildings.has(building)) buildings.set(building, (await T.as.property.createBuilding({ tenant: T.slug, communityId: c.id, name: building })).id);
      const unit = await T.as.property.createUnit({ tenant: T.slug, buildingId: buildings.get(building)!, entrance, number, floor: 1, area: '80.00' });
      if (resident) await T.as.property.createResident({ tenant: T.slug, unitId: unit.id, name: resident[0], phone: resident[1] });
      ids.push(unit.id);
    }
    return { community: c.id, ids };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    B = await makeTenant(t.db, 'Beta 物业');
    const cz = await register(A, '翠竹园', [
      ['1号楼', '1单元', '101', ['刘一', '13900000001']],
      ['1号楼', '1单元', '301', ['张三', '13800138000']],
      ['1号楼', '2单元', '301'],
      ['2号楼', '1单元', '101', ['李四', '13700000004']],
    ]);
    [u.cz1101, u.cz1301, u.cz2301, u.cz2b101] = cz.ids as [string, string, string, string];
    const yx = await register(A, '银杏里', [['1号楼', '', '101']]);
    u.yx101 = yx.ids[0]!;
    u.space = (await A.as.parking.create({ tenant: A.slug, communityId: cz.community, number: 'B-017', renterName: '王五', renterPhone: '13600000005' })).id;
    // Company B has a look-alike of everything: it must never appear in A's results.
    const other = await register(B, '翠竹园', [
      ['1号楼', '1单元', '101', ['张三', '13800138000']],
      ['1号楼', '1单元', '301', ['张三', '13800138000']],
    ]);
    u.other = other.ids[0]!;
    for (const T of [A, B]) {
      const item = await T.as.feeItems.create({
        tenant: T.slug,
        name: '物业费',
        calc: 'PER_AREA',
        dueDay: 15,
        communityIds: (await T.as.property.listCommunities({ tenant: T.slug })).rows.map((c) => c.id),
        initialPrice: { effectiveFrom: '2025-01', price: '2.00' },
      });
      await T.as.billing.commitRun({ tenant: T.slug, period: '2025-01', feeItemIds: [item.id] });
    }
    const today = localDate('Asia/Shanghai');
    for (const T of [A, B]) {
      const unit = T === A ? u.cz2b101! : u.other;
      const r = await T.as.payments.recordPayment({ tenant: T.slug, payer: { kind: 'UNIT', id: unit }, method: 'CASH', amountFen: 16_000, receivedOn: today });
      if (T === A) receiptNo = r.receiptNo!;
    }
  });
  afterAll(() => t?.drop());

  const desk = async (q: string, kind?: 'UNIT' | 'PARKING') =>
    (await A.as.payments.listPayers({ tenant: A.slug, q, ...(kind ? { kind } : {}) })).map((m) => m.payer.id);

  it('finds the payer from every form a cashier types', async () => {
    expect(await desk('101')).toEqual([u.cz1101, u.cz2b101, u.yx101]);
    expect(await desk('1-301')).toEqual([u.cz1301, u.cz2301]);
    expect(await desk('1号楼 101')).toEqual([u.cz1101, u.yx101]);
    expect(await desk('1号楼1单元301')).toEqual([u.cz1301]);
    expect((await desk('翠竹园 1-101'))[0]).toBe(u.cz1101); // then 2号楼 1单元-101 (entrance 1)
    expect(await desk('银杏里 101')).toEqual([u.yx101]);
    expect(await desk('张三')).toEqual([u.cz1301]);
    expect(await desk('13800138000')).toEqual([u.cz1301]);
    expect(await desk('１３８００１３８０００')).toEqual([u.cz1301]);
    expect(await desk(receiptNo)).toEqual([u.cz2b101]);
    expect(await desk('B-017', 'PARKING')).toEqual([u.space]);
    expect(await desk('王五', 'PARKING')).toEqual([u.space]);
  });

  it('labels a match as the desk shows it', async () => {
    const [m] = await A.as.payments.listPayers({ tenant: A.slug, q: '1号楼1单元301' });
    expect(m).toMatchObject({ label: '翠竹园 1号楼 1单元-301', name: '张三', payer: { kind: 'UNIT', id: u.cz1301 } });
  });

  it('filters the bills and payments lists with the same search', async () => {
    const bills = async (q: string) => (await A.as.billing.listBills({ tenant: A.slug, q })).rows.map((r) => r.unitId).sort();
    expect(await bills('1号楼1单元301')).toEqual([u.cz1301]);
    expect(await bills('张三')).toEqual([u.cz1301]);
    expect(await bills('1-301')).toEqual([u.cz1301, u.cz2301].sort());
    expect(await bills(receiptNo)).toEqual([u.cz2b101]);
    expect(await bills('物业费')).toHaveLength(5); // the fee item's name still finds its bills
    const payments = async (q: string) => (await A.as.payments.listPayments({ tenant: A.slug, q })).rows.map((r) => r.payer.id);
    expect(await payments('李四')).toEqual([u.cz2b101]);
    expect(await payments('2号楼 101')).toEqual([u.cz2b101]);
    expect(await payments(receiptNo)).toEqual([u.cz2b101]);
    expect(await payments('张三')).toEqual([]);
  });

  it("never shows another company's payer", async () => {
    for (const q of ['101', '张三', '13800138000', '翠竹园 1-101', receiptNo]) {
      expect(await desk(q)).not.toContain(u.other);
      expect((await A.as.billing.listBills({ tenant: A.slug, q })).rows.map((r) => r.unitId)).not.toContain(u.other);
      expect((await A.as.payments.listPayments({ tenant: A.slug, q })).rows.map((r) => r.payer.id)).not.toContain(u.other);
    }
    // and B's own search finds its own
    expect((await B.as.payments.listPayers({ tenant: B.slug, q: '1号楼 1单元 101' })).map((m) => m.payer.id)).toEqual([u.other]);
  });
});
