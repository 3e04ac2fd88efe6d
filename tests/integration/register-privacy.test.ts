import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';

// #15: the register no longer lists residents' phones and e-mails to staff; admins (and the
// other roles that read the register) still see them.
describe.skipIf(!pgServerUrl())('register privacy: residents’ contacts hidden from staff (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let a: Awaited<ReturnType<typeof makeRegister>>;
  let staff: ReturnType<typeof callerFor>;
  let cashier: ReturnType<typeof callerFor>;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, 'Alpha 物业');
    a = await makeRegister(t.db, A);
    await A.as.property.updateResident({ tenant: A.slug, id: a.resident.id, email: 'zhang@example.test' });
    staff = callerFor(t.db, await addMember(t.db, A.tenant.id, 'STAFF'));
    cashier = callerFor(t.db, await addMember(t.db, A.tenant.id, 'CASHIER'));
  });
  afterAll(() => t?.drop());

  it('staff get residents without phone or e-mail in the list and on a unit; admins and cashiers get both', async () => {
    const byStaff = await staff.property.listResidents({ tenant: A.slug });
    expect(byStaff.rows).toHaveLength(1);
    expect(byStaff.rows[0]).toMatchObject({ name: '张三', phone: '', email: '' });
    const unitByStaff = await staff.property.getUnit({ tenant: A.slug, id: a.unit.id });
    expect(unitByStaff.residents[0]).toMatchObject({ name: '张三', phone: '', email: '' });
    expect(JSON.stringify([byStaff, unitByStaff])).not.toContain('13800000000');
    expect(JSON.stringify([byStaff, unitByStaff])).not.toContain('zhang@example.test');

    for (const who of [A.as, cashier]) {
      const list = await who.property.listResidents({ tenant: A.slug });
      expect(list.rows[0]).toMatchObject({ phone: '13800000000', email: 'zhang@example.test' });
      const unit = await who.property.getUnit({ tenant: A.slug, id: a.unit.id });
      expect(unit.residents[0]).toMatchObject({ phone: '13800000000', email: 'zhang@example.test' });
    }
  });

  it('staff cannot find a resident or a unit by phone or e-mail (a match would reveal it), only by name', async () => {
    expect((await staff.property.listResidents({ tenant: A.slug, q: '1380000' })).total).toBe(0);
    expect((await staff.property.listResidents({ tenant: A.slug, q: 'zhang@' })).total).toBe(0);
    expect((await staff.property.listUnits({ tenant: A.slug, q: '1380000' })).total).toBe(0);
    expect((await staff.property.listResidents({ tenant: A.slug, q: '张三' })).total).toBe(1);
    expect((await staff.property.listUnits({ tenant: A.slug, q: '张三' })).total).toBe(1);
    expect((await A.as.property.listResidents({ tenant: A.slug, q: '1380000' })).total).toBe(1);
    expect((await A.as.property.listUnits({ tenant: A.slug, q: '1380000' })).total).toBe(1);
  });
});
