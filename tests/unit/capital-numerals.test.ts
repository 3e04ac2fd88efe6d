import { describe, expect, it } from 'vitest';
import { toChineseCapital } from '@/server/payments/capital-numerals';

describe('toChineseCapital', () => {
  it.each([
    // zero, 整, and amounts below one yuan
    [0, '零元整'],
    [1, '壹分'],
    [5, '伍分'],
    [10, '壹角整'],
    [50, '伍角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [150, '壹元伍角整'],
    // 角 zero, 分 not: 元零X分
    [105, '壹元零伍分'],
    [1001, '壹拾元零壹分'],
    [32_504, '叁佰贰拾伍元零肆分'],
    [1_640_902, '壹万陆仟肆佰零玖元零贰分'],
    [2_000_001, '贰万元零壹分'],
    // 拾 keeps its 壹
    [1000, '壹拾元整'],
    [1600, '壹拾陆元整'],
    [11_000, '壹佰壹拾元整'],
    // one 零 per internal zero run
    [10_100, '壹佰零壹元整'],
    [140_950, '壹仟肆佰零玖元伍角整'],
    [100_100, '壹仟零壹元整'],
    [1_000_500, '壹万零伍元整'],
    [10_000_100, '壹拾万零壹元整'],
    [100_001_000, '壹佰万零壹拾元整'],
    [10_700_053, '壹拾万零柒仟元伍角叁分'],
    [100_100_000, '壹佰万零壹仟元整'],
    [1_010_000_000, '壹仟零壹拾万元整'],
    // trailing zeros and the 元 place: nothing written, no 零 before 角
    [1050, '壹拾元伍角整'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [1_000_000, '壹万元整'],
    [2_000_000, '贰万元整'],
    // 亿 and 万亿
    [10_000_000_000, '壹亿元整'],
    [10_000_010_000, '壹亿零壹佰元整'],
    [10_100_000_000, '壹亿零壹佰万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [200_000_000_000, '贰拾亿元整'],
    [201_000_000_000, '贰拾亿零壹仟万元整'],
    [210_000_000_000, '贰拾壹亿元整'],
    [100_000_000_000_000, '壹万亿元整'],
    [100_010_000_000_000, '壹万零壹亿元整'],
    [Number.MAX_SAFE_INTEGER, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%s fen → %s', (fen, s) => expect(toChineseCapital(fen)).toBe(s));

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses %s', (fen) =>
    expect(() => toChineseCapital(fen)).toThrow(/non-negative whole number of fen/),
  );
});
