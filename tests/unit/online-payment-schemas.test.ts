import { describe, expect, it } from 'vitest';
import { ZApplicationFee, ZApplicationFeeForm, ZOnlinePaymentSettings, ZReconciliationQuery } from '@/server/shared/schemas/online-payments';

describe('online payment schemas', () => {
  it('the application fee form takes basis points and yuan, and gives fen', () => {
    expect(ZApplicationFeeForm.parse({ bps: '60', fixedFen: '0.10' })).toEqual({ bps: 60, fixedFen: 10 });
    expect(ZApplicationFeeForm.parse({ bps: '10000', fixedFen: '0' })).toEqual({ bps: 10_000, fixedFen: 0 });
    for (const bad of [
      { bps: '10001', fixedFen: '0' },
      { bps: '-1', fixedFen: '0' },
      { bps: '1.5', fixedFen: '0' },
      { bps: 'x', fixedFen: '0' },
      { bps: '0', fixedFen: '-0.01' },
      { bps: '0', fixedFen: '0.001' },
    ]) {
      expect(ZApplicationFeeForm.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(ZApplicationFee.safeParse({ bps: 0, fixedFen: -1 }).success).toBe(false);
  });

  it('settings need at least one known method, kept in a fixed order', () => {
    expect(ZOnlinePaymentSettings.parse({ methods: ['wechat_pay', 'card', 'card'], overpayment: 'CREDIT' }).methods).toEqual(['card', 'wechat_pay']);
    expect(ZOnlinePaymentSettings.safeParse({ methods: [], overpayment: 'CREDIT' }).success).toBe(false);
    expect(ZOnlinePaymentSettings.safeParse({ methods: ['paypal'], overpayment: 'CREDIT' }).success).toBe(false);
    expect(ZOnlinePaymentSettings.safeParse({ methods: ['card'], overpayment: 'KEEP' }).success).toBe(false);
  });

  it('a reconciliation range runs forwards and is at most 93 days', () => {
    expect(ZReconciliationQuery.safeParse({ from: '2026-01-01', to: '2026-04-03' }).success).toBe(true);
    expect(ZReconciliationQuery.safeParse({ from: '2026-01-01', to: '2026-04-04' }).success).toBe(false);
    expect(ZReconciliationQuery.safeParse({ from: '2026-01-02', to: '2026-01-01' }).success).toBe(false);
    expect(ZReconciliationQuery.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
  });
});
