import { describe, expect, it } from 'vitest';
import { allocatePayment, type AllocationResult, type OpenBill } from '@/server/payments/allocation';

const bills: OpenBill[] = [
  { id: 'mar', outstandingFen: 10_000, dueDate: '2026-03-15', period: '2026-03' },
  { id: 'jan', outstandingFen: 5000, dueDate: '2026-01-15', period: '2026-01' },
  { id: 'feb', outstandingFen: 8000, dueDate: '2026-02-15', period: '2026-02' },
  // Same due date as 'jan', earlier period: goes first.
  { id: 'dec', outstandingFen: 3000, dueDate: '2026-01-15', period: '2025-12' },
  { id: 'paid', outstandingFen: 0, dueDate: '2025-11-15', period: '2025-11' },
];
const outstanding = new Map(bills.map((b) => [b.id, b.outstandingFen]));

function checkInvariants(amount: number, r: AllocationResult) {
  expect(r.allocations.reduce((s, a) => s + a.amountFen, 0) + r.creditFen).toBe(amount);
  expect(r.creditFen).toBeGreaterThanOrEqual(0);
  expect(new Set(r.allocations.map((a) => a.billId)).size).toBe(r.allocations.length);
  for (const a of r.allocations) {
    expect(a.amountFen).toBeGreaterThan(0);
    expect(a.amountFen).toBeLessThanOrEqual(outstanding.get(a.billId)!);
  }
}

describe('allocatePayment', () => {
  it('pays the oldest bills first (due date, then period, then id)', () => {
    const r = allocatePayment(10_000, bills);
    expect(r).toEqual({
      allocations: [
        { billId: 'dec', amountFen: 3000 },
        { billId: 'jan', amountFen: 5000 },
        { billId: 'feb', amountFen: 2000 },
      ],
      creditFen: 0,
    });
  });

  it('breaks a tie on due date and period by id, whatever the input order', () => {
    const twins: OpenBill[] = [
      { id: 'b', outstandingFen: 100, dueDate: '2026-01-15', period: '2026-01' },
      { id: 'a', outstandingFen: 100, dueDate: '2026-01-15', period: '2026-01' },
    ];
    expect(allocatePayment(150, twins).allocations).toEqual([
      { billId: 'a', amountFen: 100 },
      { billId: 'b', amountFen: 50 },
    ]);
    expect(allocatePayment(150, [...twins].reverse())).toEqual(allocatePayment(150, twins));
  });

  it('turns an overpayment into credit and never pays a bill more than it owes', () => {
    const r = allocatePayment(30_000, bills);
    expect(r.allocations).toEqual([
      { billId: 'dec', amountFen: 3000 },
      { billId: 'jan', amountFen: 5000 },
      { billId: 'feb', amountFen: 8000 },
      { billId: 'mar', amountFen: 10_000 },
    ]);
    expect(r.creditFen).toBe(4000);
  });

  it('is all credit when nothing is open', () => {
    expect(allocatePayment(500, [])).toEqual({ allocations: [], creditFen: 500 });
  });

  it('pays only the chosen bills, in the order chosen', () => {
    expect(allocatePayment(12_000, bills, ['mar', 'jan'])).toEqual({
      allocations: [
        { billId: 'mar', amountFen: 10_000 },
        { billId: 'jan', amountFen: 2000 },
      ],
      creditFen: 0,
    });
    expect(allocatePayment(20_000, bills, ['feb', 'paid'])).toEqual({
      allocations: [{ billId: 'feb', amountFen: 8000 }],
      creditFen: 12_000,
    });
  });

  it('keeps its invariants for every amount', () => {
    for (let amount = 1; amount <= 30_000; amount += 997) {
      checkInvariants(amount, allocatePayment(amount, bills));
      checkInvariants(amount, allocatePayment(amount, bills, ['feb', 'dec']));
    }
  });

  it('refuses what it cannot do right', () => {
    expect(() => allocatePayment(0, bills)).toThrow(/greater than 0/);
    expect(() => allocatePayment(-100, bills)).toThrow(/greater than 0/);
    expect(() => allocatePayment(10.5, bills)).toThrow(/whole number/);
    expect(() => allocatePayment(100, bills, ['nope'])).toThrow(/nope is not an open bill/);
    expect(() => allocatePayment(100, bills, ['jan', 'jan'])).toThrow(/chosen twice/);
    expect(() => allocatePayment(100, bills, [])).toThrow(/No bills chosen/);
    expect(() => allocatePayment(100, [...bills, bills[0]!])).toThrow(/listed twice/);
    expect(() => allocatePayment(100, [{ ...bills[0]!, outstandingFen: -1 }])).toThrow(/outstanding/);
    expect(() => allocatePayment(100, [{ ...bills[0]!, dueDate: '2026-3-15' }])).toThrow(/YYYY-MM-DD/);
  });
});

describe('allocatePayment: principal first (DOMAIN.md "Late fees")', () => {
  const principal = (id: string, due: string, fen: number): OpenBill => ({ id, outstandingFen: fen, dueDate: due, period: due.slice(0, 7) });
  it('pays every principal before any late-fee bill, however old the late-fee bill', () => {
    const lateFee: OpenBill = { id: 'lf', outstandingFen: 450, dueDate: '2026-01-20', period: '2026-01', lateFee: true };
    const bills = [lateFee, principal('feb', '2026-02-15', 1000), principal('mar', '2026-03-15', 1000)];
    expect(allocatePayment(1500, bills).allocations).toEqual([
      { billId: 'feb', amountFen: 1000 },
      { billId: 'mar', amountFen: 500 },
    ]);
    expect(allocatePayment(2450, bills).allocations.map((a) => a.billId)).toEqual(['feb', 'mar', 'lf']);
    // A cashier's explicit choice keeps its order.
    expect(allocatePayment(450, bills, ['lf']).allocations).toEqual([{ billId: 'lf', amountFen: 450 }]);
  });
});
