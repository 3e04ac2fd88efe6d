import { describe, expect, it } from 'vitest';
import { pickEffectiveDate } from '@/server/payments/ledger';

// DOMAIN.md "Dates of money": the effective date of a money record, the pure rule.
describe('pickEffectiveDate', () => {
  const days = (...d: string[]) => new Set(d);
  const none = new Set<string>();
  const rule = (receivedOn: string, entryDay: string, closedPeriod: 'refuse' | 'move' = 'refuse') => ({ receivedOn, entryDay, closedPeriod });

  it('is the received date when that day is not day-closed, however late the entry', () => {
    expect(pickEffectiveDate(rule('2026-06-03', '2026-07-20'), days('2026-06-02', '2026-06-04'), none)).toBe('2026-06-03');
  });

  it('is the first day on or after the entry day that is not closed when the received day is closed', () => {
    expect(pickEffectiveDate(rule('2026-06-03', '2026-06-10'), days('2026-06-03'), none)).toBe('2026-06-10');
    // an open day between the received and the entry day does not take it
    expect(pickEffectiveDate(rule('2026-06-03', '2026-06-10'), days('2026-06-03', '2026-06-10', '2026-06-11'), none)).toBe('2026-06-12');
    // an early 日结 of today: tomorrow, across a month end
    expect(pickEffectiveDate(rule('2026-06-30', '2026-06-30'), days('2026-06-30'), none)).toBe('2026-07-01');
  });

  it('refuses a received date in a closed period at the counter, and moves it to the first open day online', () => {
    expect(() => pickEffectiveDate(rule('2026-05-31', '2026-06-02'), none, new Set(['2026-05']))).toThrow(/closed/);
    expect(pickEffectiveDate(rule('2026-05-31', '2026-06-02', 'move'), days('2026-06-02'), new Set(['2026-05']))).toBe('2026-06-03');
  });
});
