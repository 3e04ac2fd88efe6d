import 'server-only';
import { isEmbedded } from '../env';

// Which Stripe online payment talks to, from the environment (read per call, so tests can set it):
//   STRIPE_SECRET_KEY (+ STRIPE_WEBHOOK_SECRET)      → real Stripe (test or live keys)
//   otherwise, embedded demo or LINLI_FAKES=1          → the local Stripe fake (server/fakes/stripe/),
//     reached through the same SDK at LINLI_STRIPE_FAKE_URL with LINLI_STRIPE_FAKE_KEY; its
//     webhook secret is STRIPE_WEBHOOK_SECRET (scripts/server.mjs sets all three when it starts it)
//   otherwise (a database, no keys, no LINLI_FAKES)   → off: the pay button is hidden, the API refuses.

export type StripeConfig =
  | { mode: 'stripe'; secretKey: string; webhookSecret: string }
  | { mode: 'fake'; secretKey: string; webhookSecret: string; host: string; port: number; protocol: 'http' | 'https' }
  | { mode: 'off'; reason: 'noKeys' | 'noWebhookSecret' | 'fakeNotRunning' };

/** Whether the fakes stand in for Stripe (and SMS): no Stripe key, and the embedded demo or LINLI_FAKES=1. */
export function stripeFakesOn(e: NodeJS.ProcessEnv = process.env): boolean {
  if (e.STRIPE_SECRET_KEY?.trim()) return false;
  return e.LINLI_FAKES === '1' || isEmbedded(e);
}

export function stripeConfig(e: NodeJS.ProcessEnv = process.env): StripeConfig {
  const key = e.STRIPE_SECRET_KEY?.trim();
  const webhookSecret = e.STRIPE_WEBHOOK_SECRET?.trim() ?? '';
  if (key) {
    if (!webhookSecret) return { mode: 'off', reason: 'noWebhookSecret' };
    return { mode: 'stripe', secretKey: key, webhookSecret };
  }
  if (!stripeFakesOn(e)) return { mode: 'off', reason: 'noKeys' };
  const url = e.LINLI_STRIPE_FAKE_URL?.trim();
  if (!url || !webhookSecret) return { mode: 'off', reason: 'fakeNotRunning' };
  const u = new URL(url);
  const protocol = u.protocol === 'https:' ? 'https' : 'http';
  return {
    mode: 'fake',
    secretKey: e.LINLI_STRIPE_FAKE_KEY?.trim() || 'sk_test_linli_fake',
    webhookSecret,
    host: u.hostname,
    port: Number(u.port || (protocol === 'https' ? 443 : 80)),
    protocol,
  };
}

/** Whether residents can pay online at all on this server (a company also needs a READY account). */
export function onlinePaymentAvailable(e: NodeJS.ProcessEnv = process.env): boolean {
  return stripeConfig(e).mode !== 'off';
}
