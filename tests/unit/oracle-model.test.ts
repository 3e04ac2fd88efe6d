import { describe, expect, it } from 'vitest';
import {
  effectiveDate,
  emptyLedger,
  figures,
  firstOverpaidDay,
  netAllocations,
  paymentRefusal,
  reversalEffective,
  rollForward,
  type Ledger,
  type MBill,
} from '../integration/oracle/model';

// The oracle's model (tests/integration/oracle/model.ts) checked by hand against DOMAIN.md's
// own sentences, so the property test compares the services with something known to be right.

const bill = (l: Ledger, b: Partial<MBill> & { id: string; period: string; amountFen: number }) =>
  l.bills.set(b.id, { kind: 'REGULAR', unitId: 'u1', objectKind: 'UNIT', countsInRate: true, voidOn: null, ...b });

describe('the oracle model', () => {
  it('puts March billed on 2 April in March’s billed and April’s opening arrears (D limits money, not bills)', () => {
    const l = emptyLedger();
    bill(l, { id: 'm', period: '2030-03', amountFen: 10_000 });
    expect(figures(l, '2030-03', '2030-03-31')).toMatchObject({ billedFen: 10_000, outstandingFen: 10_000, unitsBilled: 1, unitsPaid: 0 });
    expect(figures(l, '2030-04', '2030-04-30')).toMatchObject({ billedFen: 0, openingArrearsFen: 10_000 });
  });

  it('dates money by its effective date: a late entry counts in its own day, one after 日结 on the next open day', () => {
    const l = emptyLedger();
    bill(l, { id: 'm', period: '2030-03', amountFen: 10_000 });
    // received 03-30, entered 04-03: current collection of March, not April's recovery
    expect(effectiveDate(l, '2030-03-30', '2030-04-03')).toBe('2030-03-30');
    l.money.push({
      id: 'p',
      kind: 'PAYMENT',
      receivedOn: '2030-03-30',
      enteredOn: '2030-04-03',
      effectiveOn: '2030-03-30',
      allocations: [{ billId: 'm', amountFen: 4_000 }],
    });
    expect(figures(l, '2030-03', '2030-03-31')).toMatchObject({ collectedFen: 4_000 });
    expect(figures(l, '2030-04', '2030-04-30')).toMatchObject({ openingArrearsFen: 6_000, arrearsRecoveredFen: 0 });
    // 03-30 and 04-03 closed early: money received 03-30 entered 04-03 counts on 04-04
    l.closedDays.add('2030-03-30');
    l.closedDays.add('2030-04-03');
    expect(effectiveDate(l, '2030-03-30', '2030-04-03')).toBe('2030-04-04');
    // a reversal of p moves off its closed day, too; a closed period refuses the received date
    expect(reversalEffective(l, l.money[0]!, '2030-04-03')).toBe('2030-04-04');
    l.closedPeriods.add('2030-03');
    expect(paymentRefusal(l, '2030-03-31', '2030-04-05')).toBe('closed period');
    expect(paymentRefusal(l, '2030-04-06', '2030-04-05')).toBe('future');
  });

  it('shows waivers and voids of earlier bills as arrears adjusted, and the roll-forward holds', () => {
    const l = emptyLedger();
    bill(l, { id: 'a', period: '2030-03', amountFen: 10_000 });
    bill(l, { id: 'b', period: '2030-03', amountFen: 5_000, voidOn: '2030-04-10' });
    bill(l, { id: 'c', period: '2030-04', amountFen: 7_000 });
    bill(l, { id: 'x', period: '2030-04', amountFen: 9_000, kind: 'ONE_OFF', countsInRate: false });
    l.adjustments.push({ billId: 'a', amountFen: 1_000, effectiveOn: '2030-04-02' });
    l.money.push({
      id: 'p',
      kind: 'PAYMENT',
      receivedOn: '2030-04-05',
      enteredOn: '2030-04-05',
      effectiveOn: '2030-04-05',
      allocations: [
        { billId: 'a', amountFen: 2_000 },
        { billId: 'c', amountFen: 7_000 },
      ],
    });
    l.money.push({
      id: 'q',
      kind: 'PAYMENT',
      receivedOn: '2030-04-06',
      enteredOn: '2030-04-06',
      effectiveOn: '2030-04-06',
      allocations: [{ billId: 'x', amountFen: 9_000 }],
    });
    const march = figures(l, '2030-03', '2030-03-31');
    const april = figures(l, '2030-04', '2030-04-30');
    const may = figures(l, '2030-05', '2030-05-31');
    expect(march).toMatchObject({ billedFen: 15_000, outstandingFen: 15_000 });
    // the one-off x is beside the rates, not in them
    expect(april).toMatchObject({
      billedFen: 7_000,
      collectedFen: 7_000,
      openingArrearsFen: 15_000,
      arrearsRecoveredFen: 2_000,
      arrearsAdjustedFen: 6_000,
      unitsBilled: 1,
      unitsPaid: 1,
    });
    expect(rollForward(march)).toBe(april.openingArrearsFen);
    expect(rollForward(april)).toBe(may.openingArrearsFen);
    expect(may.openingArrearsFen).toBe(7_000);
    // every fen once: Σ (collected + recovered) = Σ allocations on counting bills
    expect(march.collectedFen + april.collectedFen + april.arrearsRecoveredFen).toBe(netAllocations(l, '2030-05-31'));
  });

  it('finds the as-of states DOMAIN.md cannot express: a waiver dated before a reversal that takes effect later', () => {
    // 04-10 was closed early; a payment of 04-09 (its day closed too) is reversed on 04-10 and so
    // counts from 04-11; the bill, open again, is waived on 04-10. As of 04-10 it is waived and
    // still paid: "unpaid part, never below 0" clamps −10 000 to 0 and the roll-forward breaks.
    const l = emptyLedger();
    bill(l, { id: 'a', period: '2030-03', amountFen: 10_000 });
    l.money.push({
      id: 'p',
      kind: 'PAYMENT',
      receivedOn: '2030-04-09',
      enteredOn: '2030-04-09',
      effectiveOn: '2030-04-09',
      allocations: [{ billId: 'a', amountFen: 10_000 }],
    });
    l.closedDays.add('2030-04-09');
    l.closedDays.add('2030-04-10');
    const r = reversalEffective(l, l.money[0]!, '2030-04-10');
    expect(r).toBe('2030-04-11');
    l.money.push({
      id: 'r',
      kind: 'REVERSAL',
      receivedOn: '2030-04-09',
      enteredOn: '2030-04-10',
      effectiveOn: r,
      allocations: [{ billId: 'a', amountFen: -10_000 }],
    });
    expect(firstOverpaidDay(l, 'a')).toBeNull();
    l.adjustments.push({ billId: 'a', amountFen: 10_000, effectiveOn: '2030-04-10' });
    expect(firstOverpaidDay(l, 'a')).toBe('2030-04-10');
  });
});
