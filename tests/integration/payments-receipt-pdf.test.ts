import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScope } from '@/server/db/scope';
import { inflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { addMember, callerFor, makeRegister, makeTenant } from '../helpers/fixtures';
import { withTenant } from '@/server/db/tenant';
import { dateColumn, localDate } from '@/server/shared/calendar';
import { getReceipt } from '@/server/payments/receipt';
import { renderReceiptPdf } from '@/server/payments/receipt-pdf';
import { AppError } from '@/server/errors';

const today = () => localDate('Asia/Shanghai');

/** The text of every stream in a PDF, inflated where it is compressed. */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const s = pdf.toString('latin1');
  const re = /\bstream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

/** Unicode code points mapped by the PDF's ToUnicode CMaps (what copy-paste and search see). */
function mappedCodePoints(pdf: Buffer): Set<number> {
  const cps = new Set<number>();
  for (const st of streams(pdf).filter((x) => x.includes('begincmap'))) {
    for (const m of st.matchAll(/<([0-9a-fA-F]{4,})>\s*<([0-9a-fA-F]{4,})>/g)) cps.add(parseInt(m[2]!.slice(0, 4), 16));
    for (const m of st.matchAll(/\[((?:<[0-9a-fA-F]+>\s*)+)\]/g)) {
      for (const h of m[1]!.matchAll(/<([0-9a-fA-F]+)>/g)) cps.add(parseInt(h[1]!.slice(0, 4), 16));
    }
  }
  return cps;
}

describe.skipIf(!pgServerUrl())('receipt PDF (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  let B: Awaited<ReturnType<typeof makeTenant>>;
  let reg: Awaited<ReturnType<typeof makeRegister>>;
  let paymentId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, '南京睦宁物业服务有限公司');
    B = await makeTenant(t.db, 'Beta 物业');
    reg = await makeRegister(t.db, A);
    const tenantId = A.tenant.id;
    await withTenant(t.db.prisma, tenantId, async (db) => {
      const item = await db.feeItem.create({ data: { tenantId, name: '物业服务费', calc: 'PER_AREA', cycle: 'QUARTERLY', communityIds: [reg.community.id] } });
      for (const [period, amountFen] of [
        ['2026-04', 62_543],
        ['2026-07', 62_543],
      ] as const) {
        await db.bill.create({
          data: {
            tenantId,
            kind: 'REGULAR',
            objectKind: 'UNIT',
            objectId: reg.unit.id,
            unitId: reg.unit.id,
            payerKind: 'UNIT',
            payerId: reg.unit.id,
            feeItemId: item.id,
            period,
            amountFen,
            dueDate: dateColumn(`${period}-15`),
            createdById: A.admin.id,
          },
        });
      }
    });
    const p = await A.as.payments.recordPayment({
      tenant: A.slug,
      payer: { kind: 'UNIT', id: reg.unit.id },
      method: 'WECHAT',
      amountFen: 140_950,
      receivedOn: today(),
    });
    paymentId = p.id;
  });
  afterAll(() => t?.drop());

  it('renders a PDF with the CJK font embedded and the receipt’s Chinese text intact', async () => {
    const data = await A.as.payments.getReceipt({ tenant: A.slug, id: paymentId });
    const { pdf, lines } = await renderReceiptPdf(data);
    if (process.env.RECEIPT_PDF_OUT) writeFileSync(process.env.RECEIPT_PDF_OUT, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile[23]/);
    expect(raw).toMatch(/\/Subtype \/CIDFontType0|\/Subtype \/CIDFontType2/);
    expect(pdf.length).toBeLessThan(400_000); // a subset, not the whole 8 MB font

    const text = lines.join('\n');
    expect(text).toContain('南京睦宁物业服务有限公司');
    expect(text).toContain(`收据号：${data.receiptNo}`);
    expect(text).toContain('合计（大写）：人民币壹仟肆佰零玖元伍角整');
    expect(text).toContain('¥1,409.50');
    expect(text).toContain('物业服务费');
    expect(text).toContain('2026-04 至 2026-06');
    expect(text).toContain('收款方式：微信转账');
    expect(text).toContain('转入预存'); // ¥1,409.50 − 2 × ¥625.43 = ¥158.64 of credit
    expect(text).toContain('¥158.64');
    expect(text).toContain(reg.community.name);
    expect(text).not.toContain('红冲');

    // What a viewer extracts: the ToUnicode map covers the Chinese characters drawn.
    const cps = mappedCodePoints(pdf);
    for (const ch of '收款收据壹仟肆佰零玖元伍角整物业服务费微信转账') expect(cps.has(ch.codePointAt(0)!), ch).toBe(true);
    expect(cps.has('红'.codePointAt(0)!)).toBe(false);
  });

  it('stamps 红冲 with the reversal date on a reversed receipt', async () => {
    await A.as.payments.reversePayment({ tenant: A.slug, paymentId, reason: '收款方式录错' });
    const data = await A.as.payments.getReceipt({ tenant: A.slug, id: paymentId });
    expect(data.reversed?.on).toBe(today());
    const { pdf, lines } = await renderReceiptPdf(data);
    if (process.env.RECEIPT_PDF_OUT) writeFileSync(process.env.RECEIPT_PDF_OUT.replace(/\.pdf$/, '-reversed.pdf'), pdf);
    expect(lines).toContain('红冲');
    expect(lines).toContain(today());
    const cps = mappedCodePoints(pdf);
    expect(cps.has('红'.codePointAt(0)!)).toBe(true);
    expect(cps.has('冲'.codePointAt(0)!)).toBe(true);
  });

  it('the PDF route’s authorization: another company, a resident of another unit, and staff get nothing to render', async () => {
    // The route renders whatever payments.getReceipt returns for the caller; these are its refusals.
    await expect(callerFor(t.db, B.admin).payments.getReceipt({ tenant: B.slug, id: paymentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(t.db, B.admin).payments.getReceipt({ tenant: A.slug, id: paymentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stranger = await addMember(t.db, A.tenant.id, 'RESIDENT');
    await expect(callerFor(t.db, stranger).payments.getReceipt({ tenant: A.slug, id: paymentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // the same rule at the service level, as the route's procedure runs it
    await expect(
      withTenant(t.db.prisma, B.tenant.id, async (db) => getReceipt(await loadScope(db, B.tenant.id, B.admin.id), { id: paymentId }, 'ADMIN')),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      withTenant(t.db.prisma, A.tenant.id, async (db) => getReceipt(await loadScope(db, A.tenant.id, stranger.id), { id: paymentId }, 'RESIDENT')),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const own = await withTenant(t.db.prisma, A.tenant.id, async (db) => {
      await db.resident.updateMany({ where: { tenantId: A.tenant.id, id: reg.resident.id }, data: { userId: stranger.id } });
      return getReceipt(await loadScope(db, A.tenant.id, stranger.id), { id: paymentId }, 'RESIDENT');
    });
    expect(own.id).toBe(paymentId);
    expect(await renderReceiptPdf(own).then((r) => r.pdf.subarray(0, 4).toString())).toBe('%PDF');
  });
});
