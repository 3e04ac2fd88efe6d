// The platform's application fee on an online payment: basis points of the amount plus a fixed
// amount, set in /platform (PlatformSettings) and sent to Stripe as application_fee_amount. Pure:
// checkout, the platform page and tests share it.

export type ApplicationFee = { bps: number; fixedFen: number };

export const NO_APPLICATION_FEE: ApplicationFee = { bps: 0, fixedFen: 0 };

/** Basis points: 10 000 = 100 %. */
export const MAX_FEE_BPS = 10_000;

/**
 * The fee on a payment of `amountFen`: amount × bps / 10 000 rounded half up to whole fen, plus
 * the fixed part, never more than the payment itself (Stripe refuses an application fee above
 * the charge). Integer arithmetic only: amount × 10 000 stays far below 2^53.
 */
export function applicationFeeFor(amountFen: number, fee: ApplicationFee): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError(`amountFen must be a whole number ≥ 0, got ${amountFen}`);
  if (!Number.isInteger(fee.bps) || fee.bps < 0 || fee.bps > MAX_FEE_BPS) throw new RangeError(`bps must be 0–${MAX_FEE_BPS}, got ${fee.bps}`);
  if (!Number.isSafeInteger(fee.fixedFen) || fee.fixedFen < 0) throw new RangeError(`fixedFen must be a whole number ≥ 0, got ${fee.fixedFen}`);
  const proportional = Math.floor((amountFen * fee.bps + MAX_FEE_BPS / 2) / MAX_FEE_BPS);
  return Math.min(amountFen, proportional + fee.fixedFen);
}

/** "0.60 % + ¥0.10"-like parts for display: percent with up to two decimals. */
export const bpsToPercentText = (bps: number) => (bps / 100).toFixed(2).replace(/\.?0+$/, '');
