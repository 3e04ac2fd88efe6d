// The oracle's model: DOMAIN.md's "Money, time and quantities" and "The rates executives read"
// ("Which bills", "Dates of money", the roll-forward) written as plain TypeScript over a list of
// records. Written from DOMAIN.md, not from server/: no database, no imports from the app.
//
// A ledger holds what a company's history wrote: bills (with the day a void took effect),
// approved adjustments (with their effective day), money records (payments and reversals with
// their effective day and their allocations), closed days (日结) and closed periods (关账).
// `figures(l, P, D)` gives period P's parts as of cut-off D. Where DOMAIN.md leaves a point
// open the choice is written next to the code (see "Choices" below).

export type Day = string; // local date 'YYYY-MM-DD'
export type Period = string; // 'YYYY-MM'

export type BillKind = 'REGULAR' | 'CORRECTION' | 'ONE_OFF' | 'LATE_FEE';

export interface MBill {
  id: string;
  kind: BillKind;
  /** its payer: the household (unit) it is billed to, or a parking space rented alone */
  unitId: string;
  /** 'UNIT' bills count in the household rate; parking bills only in the amount-based rates */
  objectKind: 'UNIT' | 'PARKING';
  period: Period;
  amountFen: number;
  /** "Which bills": the fee item counts in the payment rate (corrections: like the bill they replace) */
  countsInRate: boolean;
  /** the local day its void took effect, or null */
  voidOn: Day | null;
  replacesId?: string;
  /** local due date (arrears only) */
  dueDate?: Day;
}

export interface MAdjustment {
  billId: string;
  amountFen: number;
  effectiveOn: Day;
}

export interface MMoney {
  id: string;
  kind: 'PAYMENT' | 'REVERSAL';
  receivedOn: Day;
  enteredOn: Day;
  effectiveOn: Day;
  /** signed: a reversal's are negative */
  allocations: { billId: string; amountFen: number }[];
  reversesId?: string;
  reversedBy?: string;
}

export interface Ledger {
  bills: Map<string, MBill>;
  adjustments: MAdjustment[];
  money: MMoney[];
  closedDays: Set<Day>;
  closedPeriods: Set<Period>;
}

export const emptyLedger = (): Ledger => ({ bills: new Map(), adjustments: [], money: [], closedDays: new Set(), closedPeriods: new Set() });

// ── calendar ──────────────────────────────────────────────────────────────────────────
const DAY_MS = 86_400_000;
export const addDays = (d: Day, n: number): Day => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const periodOf = (d: Day): Period => d.slice(0, 7);
export const firstDay = (p: Period): Day => `${p}-01`;
export const lastDay = (p: Period): Day => addDays(firstDay(addMonths(p, 1)), -1);
export function addMonths(p: Period, n: number): Period {
  const [y, m] = p.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
export function periodsFrom(first: Period, last: Period): Period[] {
  const out: Period[] = [];
  for (let p = first; p <= last; p = addMonths(p, 1)) out.push(p);
  return out;
}
/** The default cut-off (DOMAIN.md): the end of P, or today if P is not over. */
export const cutoffOf = (p: Period, today: Day): Day => (today < lastDay(p) ? today : lastDay(p));

// ── dates of money ────────────────────────────────────────────────────────────────────
// Choice: a day whose period is closed (关账) is treated like a day-closed day when a record's
// date is chosen, so nothing written later takes an effective date in a closed period ("A
// closed period's published figures never move; later changes land in the period that contains
// their effective date"). For a payment this never matters (its received date in a closed
// period is refused, and the entry day is never in a closed period); for a reversal it does.
const blocked = (l: Ledger, d: Day) => l.closedDays.has(d) || l.closedPeriods.has(periodOf(d));

/** The first calendar day on or after `d` that is not closed. */
export function firstOpenDay(l: Ledger, d: Day): Day {
  let x = d;
  while (blocked(l, x)) x = addDays(x, 1);
  return x;
}

/** "its received date if that day was not day-closed when the record was entered, otherwise the
 *  first calendar day on or after the entry day that is not day-closed" */
export const effectiveDate = (l: Ledger, receivedOn: Day, entryDay: Day): Day => (blocked(l, receivedOn) ? firstOpenDay(l, entryDay) : receivedOn);

/** Why a counter payment is refused, or null: not in the future, not in a closed period. */
export function paymentRefusal(l: Ledger, receivedOn: Day, today: Day): string | null {
  if (receivedOn > today) return 'future';
  if (l.closedPeriods.has(periodOf(receivedOn))) return 'closed period';
  return null;
}

/** Choice: a reversal's "received date" is its payment's effective date (the money it takes
 *  back is the money counted there); by the rule above it moves to the first open day from the
 *  entry day when that day is closed (日结) or in a closed period. */
export const reversalEffective = (l: Ledger, original: MMoney, entryDay: Day): Day => effectiveDate(l, original.effectiveOn, entryDay);

/** Choice: an approved adjustment takes effect on the day it is approved; a void on the day it is
 *  made ("Waivers and voids of earlier periods' bills that take effect during P"). A day close
 *  does not move them (日结 is about money in the till). */
export const adjustmentEffective = (today: Day): Day => today;
export const voidEffective = (today: Day): Day => today;

/** A correction stays in its void bill's period unless that period is closed: then it lands in
 *  the open period of its day ("later corrections go to the open period"). */
export const correctionPeriod = (l: Ledger, voidBill: MBill, today: Day): Period => (l.closedPeriods.has(voidBill.period) ? periodOf(today) : voidBill.period);

// ── a bill as of D ────────────────────────────────────────────────────────────────────
export function netAsOf(l: Ledger, b: MBill, d: Day): number {
  if (b.voidOn !== null && b.voidOn <= d) return 0;
  let net = b.amountFen;
  for (const a of l.adjustments) if (a.billId === b.id && a.effectiveOn <= d) net -= a.amountFen;
  return net;
}

/** Σ allocations on the bill with effective date in [from, to]. */
export function paidBetween(l: Ledger, billId: string, from: Day, to: Day): number {
  let s = 0;
  for (const m of l.money) {
    if (m.effectiveOn < from || m.effectiveOn > to) continue;
    for (const a of m.allocations) if (a.billId === billId) s += a.amountFen;
  }
  return s;
}
export const paidAsOf = (l: Ledger, billId: string, d: Day) => paidBetween(l, billId, '0000-01-01', d);

/** What is due on the bill now, counting every record written (what the counter sees). */
export function outstandingNow(l: Ledger, b: MBill): number {
  if (b.voidOn !== null) return 0;
  let due = b.amountFen;
  for (const a of l.adjustments) if (a.billId === b.id) due -= a.amountFen;
  for (const m of l.money) for (const a of m.allocations) if (a.billId === b.id) due -= a.amountFen;
  return Math.max(0, due);
}
export function netPaidNow(l: Ledger, billId: string): number {
  let s = 0;
  for (const m of l.money) for (const a of m.allocations) if (a.billId === billId) s += a.amountFen;
  return s;
}

// ── the parts of a period ─────────────────────────────────────────────────────────────
export interface Parts {
  billedFen: number;
  collectedFen: number;
  outstandingFen: number;
  openingArrearsFen: number;
  arrearsRecoveredFen: number;
  arrearsAdjustedFen: number;
  unitsBilled: number;
  unitsPaid: number;
}
export const PART_KEYS: (keyof Parts)[] = [
  'billedFen',
  'collectedFen',
  'outstandingFen',
  'openingArrearsFen',
  'arrearsRecoveredFen',
  'arrearsAdjustedFen',
  'unitsBilled',
  'unitsPaid',
];

/**
 * The first day on which the bill's as-of state is over-paid (net − paid < 0), or null. Records
 * dated back can do this: a payment reversed after its day was closed is undone only from the
 * reversal's later effective date, so a new payment or waiver dated before that uses the room
 * twice for a few days. DOMAIN.md's "unpaid part, never below 0" and its roll-forward cannot
 * both hold then; the oracle's generator steers clear of such states and counts how often.
 */
export function firstOverpaidDay(l: Ledger, billId: string): Day | null {
  const b = l.bills.get(billId);
  if (!b) return null;
  const days = new Set<Day>();
  for (const a of l.adjustments) if (a.billId === billId) days.add(a.effectiveOn);
  for (const m of l.money) if (m.allocations.some((a) => a.billId === billId)) days.add(m.effectiveOn);
  if (b.voidOn) days.add(b.voidOn);
  for (const d of [...days].sort()) if (netAsOf(l, b, d) - paidAsOf(l, billId, d) < 0) return d;
  return null;
}

/** A bill whose as-of state would leave a negative unpaid part (see firstOverpaidDay). */
export interface Anomaly {
  billId: string;
  day: Day;
  netFen: number;
  paidFen: number;
}

/**
 * Period P's parts as of cut-off D (first(P) ≤ D ≤ last(P)), by DOMAIN.md:
 *   billed    = Σ over P's bills that count in the rate (whenever created) of their amount less
 *               approved adjustments effective by D; a bill whose void took effect by D adds 0
 *   collected = Σ allocations on those bills effective by D (current collection: effective on
 *               or before P's end)
 *   outstanding = Σ per bill max(0, billed − collected)
 *   opening   = Σ over earlier periods' counting bills of the unpaid part at P's first day:
 *               records effective on or after that day do not change it
 *   recovered = Σ allocations on earlier periods' counting bills effective from P's first day to D
 *   arrears adjusted = how much waivers and voids effective from P's first day to D reduced
 *               earlier periods' counting bills (net at P's start − net at D)
 *   units     = residential units with a counting UNIT bill of P that leaves something to pay
 *               (net > 0); paid when every such bill is fully paid by D
 * Money on a void bill still counts where it is effective ("every fen collected is counted in
 * exactly one period"). `only` narrows the bills to a scope (a building's, a community's).
 */
export function figures(l: Ledger, p: Period, d: Day, anomalies?: Anomaly[], only?: (b: MBill) => boolean): Parts {
  const F = firstDay(p);
  const before = addDays(F, -1);
  const out: Parts = {
    billedFen: 0,
    collectedFen: 0,
    outstandingFen: 0,
    openingArrearsFen: 0,
    arrearsRecoveredFen: 0,
    arrearsAdjustedFen: 0,
    unitsBilled: 0,
    unitsPaid: 0,
  };
  const units = new Map<string, boolean>(); // unit → all paid
  for (const b of l.bills.values()) {
    if (!b.countsInRate || (only && !only(b))) continue;
    if (b.period === p) {
      const net = netAsOf(l, b, d);
      const paid = paidAsOf(l, b.id, d);
      if (net - paid < 0) anomalies?.push({ billId: b.id, day: d, netFen: net, paidFen: paid });
      out.billedFen += net;
      out.collectedFen += paid;
      out.outstandingFen += Math.max(0, net - paid);
      if (b.objectKind === 'UNIT' && net > 0) units.set(b.unitId, (units.get(b.unitId) ?? true) && paid >= net);
    } else if (b.period < p) {
      const net0 = netAsOf(l, b, before);
      const paid0 = paidAsOf(l, b.id, before);
      if (net0 - paid0 < 0) anomalies?.push({ billId: b.id, day: before, netFen: net0, paidFen: paid0 });
      out.openingArrearsFen += Math.max(0, net0 - paid0);
      out.arrearsRecoveredFen += paidBetween(l, b.id, F, d);
      out.arrearsAdjustedFen += net0 - netAsOf(l, b, d);
    }
  }
  out.unitsBilled = units.size;
  out.unitsPaid = [...units.values()].filter(Boolean).length;
  return out;
}

/** Σ allocations net of reversals on counting bills, effective by D (every fen, once). */
export function netAllocations(l: Ledger, d: Day): number {
  let s = 0;
  for (const m of l.money) {
    if (m.effectiveOn > d) continue;
    for (const a of m.allocations) if (l.bills.get(a.billId)?.countsInRate) s += a.amountFen;
  }
  return s;
}

/** The roll-forward of DOMAIN.md: opening(P+1) from P's parts taken at P's end. */
export const rollForward = (p: Parts) => p.openingArrearsFen - p.arrearsRecoveredFen - p.arrearsAdjustedFen + p.outstandingFen;

/**
 * 欠费 arrears as of D by payer (glossary: "the unpaid part of bills whose due date has passed"):
 * every bill, whether or not it counts in the rates (late fees and one-off charges too), due
 * before D and not void by D, with money and adjustments effective by D. Days overdue = D − due.
 */
export function arrearsAsOf(l: Ledger, d: Day): Map<string, { totalFen: number; bills: number; maxDaysOverdue: number }> {
  const out = new Map<string, { totalFen: number; bills: number; maxDaysOverdue: number }>();
  for (const b of l.bills.values()) {
    if (!b.dueDate || b.dueDate >= d || (b.voidOn !== null && b.voidOn <= d)) continue;
    const unpaid = netAsOf(l, b, d) - paidAsOf(l, b.id, d);
    if (unpaid <= 0) continue;
    const days = Math.round((Date.parse(d) - Date.parse(b.dueDate)) / 86_400_000);
    const row = out.get(b.unitId) ?? { totalFen: 0, bills: 0, maxDaysOverdue: 0 };
    row.totalFen += unpaid;
    row.bills += 1;
    row.maxDaysOverdue = Math.max(row.maxDaysOverdue, days);
    out.set(b.unitId, row);
  }
  return out;
}
