import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeTenant, uniq, type TestUser } from '../helpers/fixtures';
import { code } from '../helpers/outcome';
import { setDatabase } from '@/server/db';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { LocalDiskStorage, setUploadStorage } from '@/server/uploads/storage';

// #17 points 2 and 6: reminders per channel (in-app, e-mail, SMS) with the households no channel
// reaches; 催缴通知单 for a selection of arrears (one page per household, tenant-isolated); the
// company's address, phone and seal (upload checked as an image) on the receipt.

const session = vi.hoisted(() => ({ user: null as null | { userId: string; email: string; name: string } }));
vi.mock('@/server/auth/session', () => ({ currentSession: async () => session.user }));
const signIn = (u: TestUser) => (session.user = { userId: u.id, email: u.email, name: u.name });

const TODAY = localDate('Asia/Shanghai');
const daysFromToday = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function pdfPages(bytes: ArrayBuffer | Uint8Array): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(doc, { mergePages: false });
  // pdf.js puts spaces between runs; the checks read the text without them
  return text.map((p) => p.replace(/\s+/g, ''));
}

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

describe.skipIf(!pgServerUrl())('reminders per channel, 催缴通知单, receipt details (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Tenant;
  let B: Tenant;
  let dir: string;
  const id: Record<string, string> = {};
  let notices: (req: Request) => Promise<Response>;
  let upload: (req: Request) => Promise<Response>;

  beforeAll(async () => {
    t = await createTestDatabase();
    setDatabase(t.db);
    dir = mkdtempSync(join(tmpdir(), 'linli-notices-'));
    setUploadStorage(new LocalDiskStorage(dir));
    notices = (await import('@/app/api/arrears/notices/route')).GET;
    upload = (await import('@/app/api/uploads/route')).POST;
    A = await makeTenant(t.db, '睦宁通知物业');
    B = await makeTenant(t.db, 'Beta 物业');
    const c = await A.as.property.createCommunity({ tenant: A.slug, name: uniq('翠竹园') });
    const b = await A.as.property.createBuilding({ tenant: A.slug, communityId: c.id, name: '1号楼' });
    const unit = (number: string) => A.as.property.createUnit({ tenant: A.slug, buildingId: b.id, number, floor: 1, area: '90.00' });
    // U1: an account, an e-mail and a mobile (all three channels); U2: a mobile only; U3: a
    // landline only (no channel); U4: nobody (no channel); U5: owes nothing.
    const [U1, U2, U3, U4, U5] = [await unit('101'), await unit('102'), await unit('103'), await unit('104'), await unit('105')];
    Object.assign(id, { c: c.id, U1: U1.id, U2: U2.id, U3: U3.id, U4: U4.id, U5: U5.id });
    const li = await A.as.property.createResident({ tenant: A.slug, unitId: U1.id, name: '李一', phone: '138 0000 0011', email: 'li1@example.test' });
    await A.as.property.createResident({ tenant: A.slug, unitId: U2.id, name: '王二', phone: '+86 139-0000-0022' });
    await A.as.property.createResident({ tenant: A.slug, unitId: U3.id, name: '赵三', phone: '025-8765 4321' });
    const user = await addMember(t.db, A.tenant.id, 'RESIDENT');
    const bu = await B.as.property.createBuilding({
      tenant: B.slug,
      communityId: (await B.as.property.createCommunity({ tenant: B.slug, name: uniq('B园') })).id,
      name: 'B1',
    });
    id.B1 = (await B.as.property.createUnit({ tenant: B.slug, buildingId: bu.id, number: '901', floor: 9, area: '60.00' })).id;

    const tenantId = A.tenant.id;
    await withTenant(t.db.prisma, tenantId, async (db) => {
      await db.resident.updateMany({ where: { tenantId, id: li.id }, data: { userId: user.id } });
      const fee = await db.feeItem.create({ data: { tenantId, name: '物业服务费', calc: 'PER_AREA', communityIds: [c.id] } });
      const bill = (unitId: string, period: string, amountFen: number, due: string) =>
        db.bill.create({
          data: {
            tenantId,
            kind: 'REGULAR',
            objectKind: 'UNIT',
            objectId: unitId,
            unitId,
            payerKind: 'UNIT',
            payerId: unitId,
            feeItemId: fee.id,
            period,
            amountFen,
            dueDate: dateColumn(due),
            createdById: A.admin.id,
          },
        });
      await bill(U1.id, daysFromToday(-70).slice(0, 7), 18900, daysFromToday(-60));
      await bill(U1.id, daysFromToday(-40).slice(0, 7), 18900, daysFromToday(-30));
      await bill(U2.id, daysFromToday(-40).slice(0, 7), 12345, daysFromToday(-30));
      await bill(U3.id, daysFromToday(-40).slice(0, 7), 10000, daysFromToday(-30));
      await bill(U4.id, daysFromToday(-40).slice(0, 7), 5000, daysFromToday(-30));
    });
  });
  afterAll(async () => {
    await t?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reminds by in-app, e-mail and SMS, counts per channel the households reached, and names those no channel reaches', async () => {
    const r = await A.as.collection.sendReminders({ tenant: A.slug, unitIds: [id.U1!, id.U2!, id.U3!, id.U4!, id.U5!] });
    expect(r.sent).toBe(4);
    expect(r.channels).toEqual({
      inApp: { households: 1, messages: 1 },
      email: { households: 1, messages: 1 },
      sms: { households: 2, messages: 2 },
    });
    expect(r.texts).toBe(2);
    expect(r.noContact.map((h) => h.payerId).sort()).toEqual([id.U3, id.U4].sort());
    expect(r.noContact.find((h) => h.payerId === id.U3)).toMatchObject({ label: expect.stringContaining('103'), arrearsFen: 10000 });
    expect(r.skipped).toEqual([{ payerKind: 'UNIT', payerId: id.U5, label: '', reason: 'NO_ARREARS', lastSentAt: null }]);

    // The texts are in the outbox as the 11 digits, with the company and the amount.
    const outbox = await A.as.notifications.listOutbox({ tenant: A.slug, status: 'PENDING' });
    const sms = outbox.rows.filter((m) => m.channel === 'SMS');
    expect(sms.map((m) => m.recipient).sort()).toEqual(['13800000011', '13900000022']);
    expect(sms.find((m) => m.recipient === '13900000022')!.body).toMatch(/^【睦宁通知物业】.*102.*¥123\.45/);
    const audit = await A.as.company.listAudit({ tenant: A.slug, action: 'reminders.send' });
    expect(audit.rows[0]!.after).toMatchObject({ sent: 4, texts: 2, reachedSms: 2, reachedInApp: 1, reachedEmail: 1, noContact: 2 });
  });

  it('prints a 催缴通知单 page per household of the selection, with bills, periods, amounts in figures and capitals, how to pay and the date', async () => {
    await A.as.company.updateReceiptDetails({ tenant: A.slug, address: '南京市鼓楼区睦宁路 8 号', phone: '025-8888 6666' });
    signIn(A.admin);
    const res = await notices(new Request(`http://localhost:3000/api/arrears/notices?tenant=${A.slug}&unitIds=${id.U1},${id.U3},${id.U5}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pages = await pdfPages(await res.arrayBuffer());
    // U5 owes nothing: no page
    expect(pages).toHaveLength(2);
    const [p1, p3] = pages as [string, string];
    expect(p1).toContain('睦宁通知物业');
    expect(p1).toContain('南京市鼓楼区睦宁路8号');
    expect(p1).toContain('025-88886666');
    expect(p1).toContain('催缴通知单');
    expect(p1).toContain('1号楼');
    expect(p1).toContain('101');
    expect(p1).toContain('李一');
    expect(p1).toContain(daysFromToday(-70).slice(0, 7));
    expect(p1).toContain(daysFromToday(-40).slice(0, 7));
    expect(p1).toContain('¥378.00');
    expect(p1).toContain('人民币叁佰柒拾捌元整');
    expect(p1).toContain('缴费方式');
    expect(p1).toContain(`/${A.slug}/my/bills`);
    expect(p1).toContain(TODAY);
    expect(p3).toContain('103');
    expect(p3).toContain('人民币壹佰元整');

    // The whole community: every household in arrears (U1–U4).
    const all = await A.as.collection.getNotices({ tenant: A.slug, communityId: id.c! });
    expect(all.notices.map((n) => n.payerId).sort()).toEqual([id.U1, id.U2, id.U3, id.U4].sort());
    expect(all.notices.find((n) => n.payerId === id.U2)).toMatchObject({ totalFen: 12345, totalCapital: '壹佰贰拾叁元肆角伍分' });
    // Nothing owed in the selection: a clear error, no empty PDF.
    const none = await notices(new Request(`http://localhost:3000/api/arrears/notices?tenant=${A.slug}&unitIds=${id.U5}`));
    expect(none.status).toBe(400);
    expect((await none.json()).error.key).toBe('noticesNone');
  });

  it('keeps the notice selection within the company: another company’s unit or tenant is NOT_FOUND, and a cashier may not print', async () => {
    signIn(A.admin);
    const mixed = await notices(new Request(`http://localhost:3000/api/arrears/notices?tenant=${A.slug}&unitIds=${id.U1},${id.B1}`));
    expect(mixed.status).toBe(404);
    expect(await code(A.as.collection.getNotices({ tenant: A.slug, unitIds: [id.B1!] }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.getNotices({ tenant: A.slug, unitIds: [id.U1!] }))).toBe('NOT_FOUND');
    expect(await code(B.as.collection.getNotices({ tenant: B.slug, unitIds: [id.U1!] }))).toBe('NOT_FOUND');
    signIn(B.admin);
    expect((await notices(new Request(`http://localhost:3000/api/arrears/notices?tenant=${A.slug}&unitIds=${id.U1}`))).status).toBe(404);
    const cashier = await addMember(t.db, A.tenant.id, 'CASHIER');
    expect(await code(callerFor(t.db, cashier).collection.getNotices({ tenant: A.slug, unitIds: [id.U1!] }))).toBe('FORBIDDEN');
  });

  it('saves the address and phone, refuses a bad phone, and audits the change', async () => {
    const saved = await A.as.company.updateReceiptDetails({ tenant: A.slug, address: ' 南京市鼓楼区睦宁路 9 号 ', phone: '(025) 8888-6666' });
    expect(saved).toEqual({ address: '南京市鼓楼区睦宁路 9 号', phone: '(025) 8888-6666', seal: null });
    expect(await A.as.company.getReceiptDetails({ tenant: A.slug })).toEqual(saved);
    expect(await code(A.as.company.updateReceiptDetails({ tenant: A.slug, address: '', phone: 'call us' }))).toBe('BAD_REQUEST');
    expect(await A.as.company.getReceiptDetails({ tenant: A.slug })).toEqual(saved);
    const audit = await A.as.company.listAudit({ tenant: A.slug, action: 'company.receiptDetails' });
    expect(audit.rows[0]!.after).toMatchObject({ address: '南京市鼓楼区睦宁路 9 号', phone: '(025) 8888-6666', seal: false });
    // B's details are its own; a cashier may not change A's.
    expect(await B.as.company.getReceiptDetails({ tenant: B.slug })).toEqual({ address: '', phone: '', seal: null });
    const cashier = await addMember(t.db, A.tenant.id, 'CASHIER');
    expect(await code(callerFor(t.db, cashier).company.updateReceiptDetails({ tenant: A.slug, address: 'x', phone: '' }))).toBe('FORBIDDEN');
  });

  it('takes a seal only as an image of this company: a non-image upload is refused, another company’s or a CSV upload is NOT_FOUND', async () => {
    signIn(A.admin);
    const send = (slug: string, file: File) => {
      const form = new FormData();
      form.set('file', file);
      return upload(new Request(`http://localhost:3000/api/uploads?tenant=${slug}&purpose=seal`, { method: 'POST', body: form }));
    };
    const notImage = await send(A.slug, new File(['%PDF-1.4 not an image'], 'seal.png', { type: 'image/png' }));
    expect(notImage.status).toBe(400);
    expect((await notImage.json()).error.key).toBe('uploadNotImage');

    const png = await sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.8 } } })
      .png()
      .toBuffer();
    const ok = await send(A.slug, new File([new Uint8Array(png)], 'seal.png', { type: 'image/png' }));
    expect(ok.status).toBe(201);
    const { id: sealId } = (await ok.json()) as { id: string };

    // another company cannot use A's upload; a CSV upload is no seal
    expect(await code(B.as.company.updateReceiptDetails({ tenant: B.slug, address: '', phone: '', sealUploadId: sealId }))).toBe('NOT_FOUND');
    const csvForm = new FormData();
    csvForm.set('file', new File(['楼栋,房号\n1号楼,101\n'], 'units.csv', { type: 'text/csv' }));
    const csv = await upload(new Request(`http://localhost:3000/api/uploads?tenant=${A.slug}&purpose=units-csv`, { method: 'POST', body: csvForm }));
    expect(csv.status).toBe(201);
    const csvId = ((await csv.json()) as { id: string }).id;
    expect(await code(A.as.company.updateReceiptDetails({ tenant: A.slug, address: 'x', phone: '', sealUploadId: csvId }))).toBe('NOT_FOUND');

    const saved = await A.as.company.updateReceiptDetails({ tenant: A.slug, address: '南京市鼓楼区睦宁路 9 号', phone: '025-8888 6666', sealUploadId: sealId });
    expect(saved.seal).toMatch(/^data:image\/png;base64,/);
    const meta = await sharp(Buffer.from(saved.seal!.split(',')[1]!, 'base64')).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(360);
    // the address, phone and seal keep when only the text changes; null removes the seal
    expect((await A.as.company.updateReceiptDetails({ tenant: A.slug, address: '新地址', phone: '' })).seal).toBe(saved.seal);
    expect((await A.as.company.updateReceiptDetails({ tenant: A.slug, address: '新地址', phone: '', sealUploadId: null })).seal).toBeNull();
    expect(
      (await A.as.company.updateReceiptDetails({ tenant: A.slug, address: '南京市鼓楼区睦宁路 9 号', phone: '025-8888 6666', sealUploadId: sealId })).seal,
    ).toMatch(/^data:image\/png/);
  });

  it('prints address, phone, seal and 不作发票使用 on the receipt (screen data and PDF)', async () => {
    const cashier = await addMember(t.db, A.tenant.id, 'CASHIER');
    const desk = callerFor(t.db, cashier);
    const paid = await desk.payments.recordPayment({
      tenant: A.slug,
      payer: { kind: 'UNIT', id: id.U2! },
      amountFen: 12345,
      method: 'CASH',
      receivedOn: TODAY,
    });
    const receipt = await desk.payments.getReceipt({ tenant: A.slug, id: paid.id });
    expect(receipt.company).toMatchObject({ address: '南京市鼓楼区睦宁路 9 号', phone: '025-8888 6666', seal: expect.stringMatching(/^data:image\/png/) });
    const { renderReceiptPdf } = await import('@/server/payments/receipt-pdf');
    const { pdf, lines } = await renderReceiptPdf(receipt);
    expect(lines).toContain('[公司印章]');
    const [page] = await pdfPages(pdf);
    expect(page).toContain('地址：南京市鼓楼区睦宁路9号');
    expect(page).toContain('电话：025-88886666');
    expect(page).toContain('不作发票使用');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });
});
