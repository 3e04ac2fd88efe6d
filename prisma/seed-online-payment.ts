import type { PrismaClient } from '../server/db/generated/client';
import { withTenant } from '../server/db/tenant';
import { recordAudit } from '../server/tenancy/audit';
import { stripeConfig } from '../server/online-payments/config';
import { getPaymentProvider } from '../server/online-payments/stripe-provider';
import { applyAccountState } from '../server/online-payments/connect';
import { ONLINE_METHODS } from '../server/shared/schemas/online-payments';
import { logger } from '../server/logger';
import { DEMO_SLUG } from './seed';

// The demo company takes online payment out of the box when the Stripe fake stands in for Stripe
// (embedded demo, or LINLI_FAKES=1, and no Stripe key): at start-up the demo gets a connected
// account on the fake, onboarded (the fake's own control call, what its onboarding page's
// Complete does), READY, with card, Alipay and WeChat Pay. Done through the same provider the
// app uses, so the fake knows the account (it keeps its state in the data folder, next to the
// database) and its webhooks reach the demo by account id, as Stripe's would. Never with real
// Stripe keys: a real company connects its own account on /[tenant]/online-payments.
//
// Idempotent: a demo already READY is left alone; one whose account the fake no longer knows
// (its state file deleted) gets a new one.

export async function seedDemoOnlinePayment(prisma: PrismaClient): Promise<'ready' | 'skipped'> {
  const config = stripeConfig();
  if (config.mode !== 'fake') return 'skipped';
  const provider = getPaymentProvider();
  if (!provider) return 'skipped';
  const tenant = await prisma.tenant.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (!tenant) return 'skipped';
  const tenantId = tenant.id;

  const current = await withTenant(prisma, tenantId, (db) => db.onlinePaymentSettings.findUnique({ where: { tenantId } }));
  if (current?.stripeAccountId && current.status === 'READY') {
    const known = await provider.getAccount(current.stripeAccountId).then(
      (a) => a.chargesEnabled,
      () => false,
    );
    if (known) return 'ready';
  }

  const created = await provider.createConnectedAccount({ tenantId, country: 'CN' });
  const res = await fetch(`${config.protocol}://${config.host}:${config.port}/_fake/accounts/${encodeURIComponent(created.id)}/complete`, { method: 'POST' });
  if (!res.ok) throw new Error(`the Stripe fake did not complete onboarding of ${created.id}: ${res.status}`);
  const account = await provider.getAccount(created.id);

  await withTenant(prisma, tenantId, async (db) => {
    const before = await db.onlinePaymentSettings.findUnique({ where: { tenantId } });
    const row = await db.onlinePaymentSettings.upsert({
      where: { tenantId },
      create: { tenantId, stripeAccountId: account.id, methods: [...ONLINE_METHODS] },
      update: { stripeAccountId: account.id, methods: [...ONLINE_METHODS] },
    });
    await recordAudit(db, {
      tenantId,
      actorId: null,
      action: 'onlinePayments.connect',
      entity: 'OnlinePaymentSettings',
      entityId: row.id,
      before: { stripeAccountId: before?.stripeAccountId ?? null, status: before?.status ?? 'NOT_CONNECTED' },
      after: { stripeAccountId: account.id, methods: row.methods, demo: true },
    });
    await applyAccountState(db, tenantId, account, null);
  });
  logger.info({ account: account.id }, 'demo company: online payment READY on the Stripe fake');
  return 'ready';
}
