import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '@/server/shared/phone';

describe('normalizePhone (mainland mobile numbers)', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['86-138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['(+86) 139 0000 0001', '13900000001'],
    ['  19912345678 ', '19912345678'],
  ])('%s → %s', (input, out) => {
    expect(normalizePhone(input)).toBe(out);
  });

  it.each([
    '',
    '   ',
    '1380013800', // 10 digits
    '138001380001', // 12 digits
    '12800138000', // second digit 2: no mobile range
    '23800138000',
    '+1 415 555 0100',
    '+85 13800138000',
    '010-12345678', // a landline
    '138 0013 800O', // a letter O
    '138+0013+8000',
    '13800138000;',
  ])('refuses %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(normalizePhone(null)).toBeNull();
    expect(normalizePhone(undefined)).toBeNull();
  });

  it('masks the middle four digits', () => {
    expect(maskPhone('+86 138 0013 8000')).toBe('138****8000');
    expect(maskPhone('nope')).toBe('***');
  });
});
