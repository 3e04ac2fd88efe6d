import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import zhErrors from '@/app/_i18n/messages/zh-CN/errors.json';
import { englishError } from '@/server/shared/error-key';
import { WORK_ORDER_ACTION_NAMES, WORK_ORDER_STATUSES } from '@/server/shared/work-order-states';

// A refused transition names the action and the status in the reader's words, never the
// API's identifiers (accept, ASSIGNED) — in every combination the state machine can refuse.
describe('workOrderTransition error text', () => {
  const zh = createTranslator({ locale: 'zh-CN', messages: { errors: zhErrors }, namespace: 'errors' });

  it('reads in Chinese and in English without identifiers', () => {
    for (const action of WORK_ORDER_ACTION_NAMES) {
      for (const status of WORK_ORDER_STATUSES) {
        const cn = zh('workOrderTransition', { action, status });
        expect(cn, `${action}/${status}`).not.toMatch(/[A-Za-z]/);
        const en = englishError('workOrderTransition', { action, status });
        expect(en, `${action}/${status}`).not.toContain(action);
        expect(en).not.toContain(status);
      }
    }
    expect(zh('workOrderTransition', { action: 'accept', status: 'ASSIGNED' })).toBe('工单当前为「已派单」，不能执行「接单」。');
    expect(englishError('workOrderTransition', { action: 'complete', status: 'QUOTED' })).toBe(
      '“Complete” is not possible while the order is “Quote pending”.',
    );
  });
});
