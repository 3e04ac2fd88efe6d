import { describe, expect, it } from 'vitest';
import { enqueueOutbox } from '@/server/notifications/outbox';
import type { TenantDb } from '@/server/db/tenant';

// #12 accounts point 7: CR/LF never reach an e-mail header (subject, recipient) through the outbox writer.
function fakeDb() {
  const written: { recipient: string; subject: string; body: string }[] = [];
  const db = {
    outboxMessage: {
      createMany: async ({ data }: { data: typeof written }) => {
        written.push(...data);
        return { count: data.length };
      },
    },
  } as unknown as TenantDb;
  return { db, written };
}

describe('outbox headers', () => {
  it('folds CR/LF and other controls in a subject into one line', async () => {
    const { db, written } = fakeDb();
    await enqueueOutbox(db, 't', [
      { channel: 'EMAIL', recipient: 'a@example.test', subject: '缴费提醒\r\nBcc: victim@example.test', body: '第一行\r\n第二行' },
    ]);
    expect(written[0]!.subject).toBe('缴费提醒 Bcc: victim@example.test');
    expect(written[0]!.subject).not.toMatch(/[\r\n]/);
    expect(written[0]!.body).toBe('第一行\r\n第二行'); // the body keeps its lines
  });

  it('refuses a recipient with a line break', async () => {
    const { db, written } = fakeDb();
    await expect(enqueueOutbox(db, 't', [{ channel: 'EMAIL', recipient: 'a@example.test\r\nBcc: x@example.test', subject: 's', body: 'b' }])).rejects.toThrow(
      /recipient/,
    );
    expect(written).toEqual([]);
    await enqueueOutbox(db, 't', [{ channel: 'EMAIL', recipient: 'ok@example.test', subject: 's', body: 'b' }]);
    expect(written[0]!.recipient).toBe('ok@example.test');
  });
});
