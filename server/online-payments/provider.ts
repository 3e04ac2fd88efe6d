// The payment provider behind online payment: Stripe Connect today (stripe-provider.ts), or the
// project's local Stripe fake (server/fakes/stripe/) reached through the same Stripe SDK by its
// host/port/protocol. Services call this interface, never the SDK. Amounts are minor units
// (fen for CNY); every call that acts for a company names its connected account.

export type ConnectedAccount = {
  id: string; // acct_…
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
};

export type CheckoutLineItem = { name: string; amountFen: number };

export type CheckoutSessionInput = {
  /** CheckoutIntent.id: the only metadata sent, and the session's idempotency key */
  intentId: string;
  currency: string; // ISO 4217, e.g. CNY
  lineItems: CheckoutLineItem[];
  /** card, alipay, wechat_pay */
  methods: string[];
  applicationFeeFen: number;
  successUrl: string; // may contain {CHECKOUT_SESSION_ID}
  cancelUrl: string;
  /** Checkout's own expiry (Stripe: 30 minutes to 24 hours) */
  expiresAt: Date;
  locale?: string;
};

export type CheckoutSession = {
  id: string; // cs_…
  url: string | null;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  intentId: string | null; // metadata.intent
  paymentIntentId: string | null;
  amountTotalFen: number;
  currency: string;
};

export type Charge = {
  id: string; // ch_… / py_…
  paymentIntentId: string;
  status: 'succeeded' | 'pending' | 'failed';
  amountFen: number;
  amountRefundedFen: number;
  /** when the charge was made: the payment's received date in the company's time zone */
  created: Date;
  feeFen: number; // Stripe's fee (from the balance transaction)
  netFen: number;
  applicationFeeFen: number;
  balanceTransactionId: string | null;
  refunds: Refund[];
};

export type Refund = {
  id: string; // re_…
  chargeId: string;
  amountFen: number;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled' | 'requires_action';
  /** metadata.refund: OnlineRefund.id when Linli asked for it */
  onlineRefundId: string | null;
  created: Date;
};

export type Payout = { id: string; amountFen: number; arrivalDate: Date; status: string };

export type BalanceTransaction = {
  id: string;
  type: string; // charge, refund, payout, …
  amountFen: number;
  feeFen: number;
  netFen: number;
  sourceId: string | null; // ch_…, re_…
  payoutId: string | null;
  created: Date;
};

/** A verified webhook event (signature checked), reduced to what Linli reads. */
export type ProviderEvent = {
  id: string; // evt_…
  type: string;
  account: string | null; // Connect: the connected account it is about
  objectId: string; // data.object.id
  object: Record<string, unknown>; // data.object as sent (re-fetched before acting)
};

export interface PaymentProvider {
  createConnectedAccount(input: { tenantId: string; email?: string; country?: string }): Promise<ConnectedAccount>;
  getAccount(accountId: string): Promise<ConnectedAccount>;
  createAccountLink(accountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;

  createCheckoutSession(accountId: string, input: CheckoutSessionInput): Promise<CheckoutSession>;
  getCheckoutSession(accountId: string, sessionId: string): Promise<CheckoutSession>;
  expireCheckoutSession(accountId: string, sessionId: string): Promise<CheckoutSession>;
  /** the payment intent's latest charge, with its fee, net and refunds */
  getChargeForPaymentIntent(accountId: string, paymentIntentId: string): Promise<Charge | null>;
  getCharge(accountId: string, chargeId: string): Promise<Charge>;

  /** idempotent per onlineRefundId (also sent as metadata.refund) */
  createRefund(accountId: string, input: { paymentIntentId: string; amountFen: number; onlineRefundId: string }): Promise<Refund>;
  getRefund(accountId: string, refundId: string): Promise<Refund>;

  listPayouts(accountId: string, range: { from: Date; to: Date }): Promise<Payout[]>;
  listBalanceTransactions(accountId: string, filter: { payoutId?: string; from?: Date; to?: Date }): Promise<BalanceTransaction[]>;

  /** Verifies the Stripe-Signature header over the raw body; throws on a bad one. */
  verifyWebhook(rawBody: string, signatureHeader: string | null): ProviderEvent;
}
