import { describe, expect, it } from 'vitest';
import { parseForm } from '@/server/fakes/stripe/form.ts';
import { signatureHeader } from '@/server/fakes/stripe/webhooks.ts';
import Stripe from 'stripe';

// The Stripe fake reads Stripe's form encoding (bracketed nested keys, as the stripe SDK writes
// them) and signs webhooks as Stripe does.

describe('Stripe fake: form encoding', () => {
  it('reads nested objects, indexed arrays and appended arrays', () => {
    const body =
      'mode=payment&line_items[0][price_data][currency]=cny&line_items[0][price_data][unit_amount]=100' +
      '&line_items[0][price_data][product_data][name]=%E7%89%A9%E4%B8%9A%E8%B4%B9&line_items[0][quantity]=1' +
      '&line_items[1][quantity]=2&metadata[intent]=abc&expand[]=payment_intent&expand[]=line_items';
    expect(parseForm(body)).toEqual({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'cny', unit_amount: '100', product_data: { name: '物业费' } }, quantity: '1' }, { quantity: '2' }],
      metadata: { intent: 'abc' },
      expand: ['payment_intent', 'line_items'],
    });
  });

  it('orders indexed arrays by index, not by arrival', () => {
    expect(parseForm('a[1]=y&a[0]=x&a[10]=z')).toEqual({ a: ['x', 'y', 'z'] });
    expect(parseForm('created[gte]=1&created[lte]=2')).toEqual({ created: { gte: '1', lte: '2' } });
  });
});

describe('Stripe fake: webhook signature', () => {
  it('is what stripe.webhooks.constructEvent accepts, and nothing else', () => {
    const stripe = new Stripe('sk_test_x');
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'account.updated', data: { object: {} } });
    const t = Math.floor(Date.now() / 1000);
    const header = signatureHeader(payload, 'whsec_abc', t);
    expect(header).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_abc', timestamp: t }));
    expect(stripe.webhooks.constructEvent(payload, header, 'whsec_abc').id).toBe('evt_1');
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow();
    expect(() => stripe.webhooks.constructEvent(payload, signatureHeader(payload, 'whsec_abc', t - 3600), 'whsec_abc')).toThrow();
  });
});
