// Amounts in Chinese capital numerals (大写金额) as printed on receipts, following the People's
// Bank rules for filling in bills and settlement vouchers (《支付结算办法》附件「正确填写票据和结算
// 凭证的基本规定」). Where those rules allow two spellings, this module always takes the same one:
//
//   - Digits 零壹贰叁肆伍陆柒捌玖, places 拾佰仟, sections 万 and 亿 (万亿 above 亿), 元角分.
//   - 拾 always carries its digit: ¥16 → 壹拾陆元整, ¥110 → 壹佰壹拾元整.
//   - Inside the yuan part, each run of zeros between non-zero digits is written as one 零, also
//     when the run crosses or ends at the 万 or 亿 place: ¥10,005 → 壹万零伍元整,
//     ¥1,000,010 → 壹佰万零壹拾元整, ¥107,000.53 → 壹拾万零柒仟元伍角叁分.
//   - Trailing zeros of the yuan part are not written, and no 零 is written between 元 and a
//     non-zero 角 (optional in the rules): ¥1,680.32 → 壹仟陆佰捌拾元叁角贰分.
//   - 角 zero and 分 non-zero: 元 is followed by 零 (required): ¥1.05 → 壹元零伍分.
//   - Below one yuan, no 元 is written: ¥0.50 → 伍角整, ¥0.05 → 伍分. Zero is 零元整.
//   - 整 after 元 or 角 when there are no 分; never after 分. 正 is not used. No 人民币 prefix:
//     the receipt template prints it.

import { AppError } from '@/server/errors';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const PLACES = ['仟', '佰', '拾', ''] as const;

/** 1–9999 → capitals, internal zero runs as one 零, trailing zeros dropped. */
function fourDigits(n: number): string {
  const ds = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let pendingZero = false;
  let started = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      if (started) pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    started = true;
    out += DIGITS[d]! + PLACES[i]!;
  });
  return out;
}

/** n ≥ 1 whole yuan → capitals without 元. */
function yuanPart(n: bigint): string {
  const splitAt = (unit: bigint, name: string): string => {
    const hi = n / unit;
    const lo = n % unit;
    // A zero run touching the section boundary (the high part ends in 0, or the low part is
    // shorter than its section) is one 零, written before the low part.
    const gap = lo > 0n && (hi % 10n === 0n || lo < unit / 10n) ? '零' : '';
    return yuanPart(hi) + name + (lo > 0n ? gap + yuanPart(lo) : '');
  };
  if (n >= 100_000_000n) return splitAt(100_000_000n, '亿');
  if (n >= 10_000n) return splitAt(10_000n, '万');
  return fourDigits(Number(n));
}

/** Fen (a non-negative safe integer) → 大写金额, e.g. 140950 → 壹仟肆佰零玖元伍角整. */
export function toChineseCapital(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new AppError('BAD_REQUEST', 'amountNotFen');
  }
  const yuan = BigInt(fen) / 100n;
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;

  if (fen === 0) return '零元整';
  let out = yuan > 0n ? `${yuanPart(yuan)}元` : '';
  if (jiao > 0) out += `${DIGITS[jiao]!}角`;
  else if (fenDigit > 0 && yuan > 0n) out += '零';
  out += fenDigit > 0 ? `${DIGITS[fenDigit]!}分` : '整';
  return out;
}
