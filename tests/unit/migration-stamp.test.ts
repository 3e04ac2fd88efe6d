import { describe, expect, it } from 'vitest';
import { nextStamp } from '../../server/db/schema-engine';

// A new migration folder's stamp: now in UTC, but always after the last folder, so two
// migrations written within one second still sort in the order they were written.
describe('migration folder stamps', () => {
  const now = new Date('2026-12-04T18:30:05Z');

  it('is the current UTC time to the second', () => {
    expect(nextStamp(now, undefined)).toBe('20261204183005');
    expect(nextStamp(now, '20261125120124_auto_billing')).toBe('20261204183005');
  });

  it('follows a folder written in the same second, or a moment ahead, by one second', () => {
    expect(nextStamp(now, '20261204183005_first')).toBe('20261204183006');
    expect(nextStamp(now, '20261204183459_hand_written')).toBe('20261204183500');
    expect(nextStamp(new Date('2026-12-31T23:59:59Z'), '20261231235959_year_end')).toBe('20270101000000');
  });

  it('refuses when the last folder is far in the future: the clock is wrong', () => {
    expect(() => nextStamp(now, '20261204184006_future')).toThrow('New migration would sort before the existing 20261204184006_future; check the clock.');
  });
});
