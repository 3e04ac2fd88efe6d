import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from '@/server/payments/idempotency';
import { ZRecordPayment } from '@/server/shared/schemas/payments';

// The request hash behind idempotent payments (server/payments/idempotency.ts): the same request
// hashes alike however its keys are ordered or its defaults written; any change of a field,
// including the order of chosen bills (it is the order they are paid in), hashes differently.

const body = { payer: { kind: 'UNIT', id: 'u1' }, method: 'CASH', amountFen: 100, receivedOn: '2026-12-01', billIds: ['b1', 'b2'] };
const hashOf = (raw: object, actorId = 'a1') => {
  const { idempotencyKey: _key, ...request } = ZRecordPayment.parse(raw);
  return requestHash({ ...request, actorId });
};

describe('idempotency request hash', () => {
  it('is canonical: key order, defaults and the key itself do not matter', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }], u: undefined })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
    const h = hashOf(body);
    expect(hashOf({ receivedOn: '2026-12-01', billIds: ['b1', 'b2'], amountFen: 100, method: 'CASH', payer: { id: 'u1', kind: 'UNIT' } })).toBe(h);
    expect(hashOf({ ...body, useCredit: false, note: '' })).toBe(h);
    expect(hashOf({ ...body, idempotencyKey: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' })).toBe(h);
  });

  it('changes with every field, the chosen order of bills and the actor', () => {
    const h = hashOf(body);
    for (const changed of [
      { amountFen: 101 },
      { method: 'POS' },
      { receivedOn: '2026-11-30' },
      { billIds: ['b2', 'b1'] },
      { billIds: undefined },
      { useCredit: true },
      { note: '现金' },
      { payer: { kind: 'PARKING', id: 'u1' } },
    ]) {
      expect(hashOf({ ...body, ...changed }), JSON.stringify(changed)).not.toBe(h);
    }
    expect(hashOf(body, 'a2')).not.toBe(h);
  });

  it('refuses keys that are too short, too long or carry odd characters', () => {
    const ok = (k: string) => ZRecordPayment.safeParse({ ...body, idempotencyKey: k }).success;
    expect(ok('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).toBe(true);
    expect(ok('0123456789abcdef0123456789abcdef')).toBe(true);
    expect(ok('short')).toBe(false);
    expect(ok('x'.repeat(101))).toBe(false);
    expect(ok('key with spaces 123')).toBe(false);
  });
});
