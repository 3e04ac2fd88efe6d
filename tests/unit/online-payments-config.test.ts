import { describe, expect, it } from 'vitest';
import { onlinePaymentAvailable, stripeConfig } from '@/server/online-payments/config';

// Which Stripe online payment talks to (server/online-payments/config.ts), from the environment.

const fake = { LINLI_STRIPE_FAKE_URL: 'http://127.0.0.1:4242', LINLI_STRIPE_FAKE_KEY: 'sk_test_fake', STRIPE_WEBHOOK_SECRET: 'whsec_fake' };
const env = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

describe('stripeConfig', () => {
  it('real keys win, and need the webhook secret', () => {
    expect(
      stripeConfig(env({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', DATABASE_URL: 'postgres://x', NODE_ENV: 'production' })),
    ).toEqual({
      mode: 'stripe',
      secretKey: 'sk_test_1',
      webhookSecret: 'whsec_1',
    });
    expect(stripeConfig(env({ STRIPE_SECRET_KEY: 'sk_test_1', ...fake, STRIPE_WEBHOOK_SECRET: '' }))).toEqual({ mode: 'off', reason: 'noWebhookSecret' });
  });

  it('the embedded demo uses the fake at its host, port and protocol', () => {
    expect(stripeConfig(env(fake))).toEqual({
      mode: 'fake',
      secretKey: 'sk_test_fake',
      webhookSecret: 'whsec_fake',
      host: '127.0.0.1',
      port: 4242,
      protocol: 'http',
    });
    expect(stripeConfig(env({}))).toEqual({ mode: 'off', reason: 'fakeNotRunning' });
  });

  it('production with a database and no keys is off unless LINLI_FAKES=1', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x', APP_DATABASE_URL: 'postgres://y', ...fake };
    expect(stripeConfig(env(prod))).toEqual({ mode: 'off', reason: 'noKeys' });
    expect(onlinePaymentAvailable(env(prod))).toBe(false);
    expect(stripeConfig(env({ ...prod, LINLI_FAKES: '1' })).mode).toBe('fake');
    expect(onlinePaymentAvailable(env({ ...prod, LINLI_FAKES: '1' }))).toBe(true);
  });
});
