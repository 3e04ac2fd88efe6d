// Rows of one tenant in the tables the register fixtures do not reach, inserted by the
// owner (RLS does not apply to it), so the row-level-security tests can prove that every
// tenant-owned table hides and protects them. A new tenant-owned table fails those tests
// until it gets a row here.
export function ownerRowsForEveryTable(ids: { tenantId: string; unitId: string; communityId: string; userId: string }): [string, unknown[]][] {
  const t = ids.tenantId;
  const p = (suffix: string) => `rls-${suffix}`;
  return [
    [`insert into "FeeSettings" ("tenantId", id) values ($1, $2)`, [t, p('settings')]],
    [
      `insert into "ParkingSpace" ("tenantId", id, "communityId", number, "unitId", "updatedAt") values ($1, $2, $3, 'P-001', $4, now())`,
      [t, p('space'), ids.communityId, ids.unitId],
    ],
    [
      `insert into "FeeItem" ("tenantId", id, name, calc, "communityIds", "updatedAt") values ($1, $2, '物业费', 'PER_AREA', array[$3], now())`,
      [t, p('item'), ids.communityId],
    ],
    [
      `insert into "FeeItemPrice" ("tenantId", id, "feeItemId", "effectiveFrom", "priceUnits", "createdById") values ($1, $2, $3, '2026-01', 21000, $4)`,
      [t, p('price'), p('item'), ids.userId],
    ],
    [`insert into "Meter" ("tenantId", id, "unitId", "feeItemId") values ($1, $2, $3, $4)`, [t, p('meter'), ids.unitId, p('item')]],
    [
      `insert into "MeterReading" ("tenantId", id, "meterId", period, reading, "readOn", "enteredById") values ($1, $2, $3, '2026-01', 1000, '2026-01-31', $4)`,
      [t, p('reading'), p('meter'), ids.userId],
    ],
    [
      `insert into "BillingRun" ("tenantId", id, period, "feeItemIds", "communityIds", "billCount", "totalFen", "createdById") values ($1, $2, '2026-01', array[$3], array[$4], 1, 100, $5)`,
      [t, p('run'), p('item'), ids.communityId, ids.userId],
    ],
    [
      `insert into "Bill" ("tenantId", id, kind, "objectKind", "objectId", "unitId", "payerKind", "payerId", "feeItemId", period, "runId", "amountFen", "dueDate", "createdById")
      values ($1, $2, 'REGULAR', 'UNIT', $3, $3, 'UNIT', $3, $4, '2026-01', $5, 100, '2026-01-15', $6)`,
      [t, p('bill'), ids.unitId, p('item'), p('run'), ids.userId],
    ],
    [
      `insert into "Adjustment" ("tenantId", id, "billId", kind, "amountFen", reason, "requestedById") values ($1, $2, $3, 'WAIVER', 10, 'test', $4)`,
      [t, p('adj'), p('bill'), ids.userId],
    ],
    [
      `insert into "Payment" ("tenantId", id, kind, method, "payerKind", "payerId", "amountFen", "receivedOn", "countedOn", "enteredById", "receiptYear", "receiptNo")
      values ($1, $2, 'PAYMENT', 'CASH', 'UNIT', $3, 50, '2026-01-20', '2026-01-20', $4, 2026, 1)`,
      [t, p('payment'), ids.unitId, ids.userId],
    ],
    [
      `insert into "PaymentAllocation" ("tenantId", id, "paymentId", "billId", "amountFen") values ($1, $2, $3, $4, 50)`,
      [t, p('alloc'), p('payment'), p('bill')],
    ],
    [`insert into "ReceiptCounter" ("tenantId", id, year, "lastNo") values ($1, $2, 2026, 1)`, [t, p('counter')]],
    [`insert into "CreditEntry" ("tenantId", id, "payerKind", "payerId", "amountFen") values ($1, $2, 'UNIT', $3, 5)`, [t, p('credit'), ids.unitId]],
    [
      `insert into "IdempotencyKey" ("tenantId", id, scope, key, "requestHash", "paymentId", response) values ($1, $2, 'payments.record', 'rls-key-0001', 'h', $3, '{}')`,
      [t, p('idem'), p('payment')],
    ],
    [`insert into "DayClose" ("tenantId", id, day, totals, "closedById") values ($1, $2, '2026-01-20', '{}', $3)`, [t, p('day'), ids.userId]],
    [`insert into "PeriodClose" ("tenantId", id, period, figures, "closedById") values ($1, $2, '2025-12', '{}', $3)`, [t, p('period'), ids.userId]],
    [
      `insert into "Reminder" ("tenantId", id, "payerKind", "payerId", "arrearsFen", "sentById") values ($1, $2, 'UNIT', $3, 100, $4)`,
      [t, p('reminder'), ids.unitId, ids.userId],
    ],
    [`insert into "Notification" ("tenantId", id, "userId", kind, title, body) values ($1, $2, $3, 'test', 't', 'b')`, [t, p('note'), ids.userId]],
    [`insert into "OutboxMessage" ("tenantId", id, channel, recipient, subject, body) values ($1, $2, 'EMAIL', 'a@b.c', 's', 'b')`, [t, p('outbox')]],
    [
      `insert into "OnlinePaymentSettings" ("tenantId", id, "stripeAccountId", status, "updatedAt") values ($1, $2, 'acct_rls_' || $1, 'READY', now())`,
      [t, p('online-settings')],
    ],
    [
      `insert into "CheckoutIntent" ("tenantId", id, purpose, "payerKind", "payerId", "userId", "amountFen", currency, "stripeAccountId", "sessionId", status, "paymentId", "updatedAt")
      values ($1, $2, 'BILLS', 'UNIT', $3, $4, 50, 'CNY', 'acct_rls_' || $1, 'cs_rls_' || $1, 'SUCCEEDED', $5, now())`,
      [t, p('intent'), ids.unitId, ids.userId, p('payment')],
    ],
    [
      `insert into "CheckoutIntentLine" ("tenantId", id, "intentId", "billId", "amountFen") values ($1, $2, $3, $4, 50)`,
      [t, p('intent-line'), p('intent'), p('bill')],
    ],
    [
      `insert into "OnlineCharge" ("tenantId", id, "paymentId", "intentId", "chargeId", "paymentIntentId", "amountFen", "paidAt") values ($1, $2, $3, $4, 'ch_rls_' || $1, 'pi_rls', 50, now())`,
      [t, p('charge'), p('payment'), p('intent')],
    ],
    [
      `insert into "OnlineRefund" ("tenantId", id, "paymentId", "amountFen", "requestedById") values ($1, $2, $3, 10, $4)`,
      [t, p('online-refund'), p('payment'), ids.userId],
    ],
    [
      `insert into "StripeEvent" ("tenantId", id, "eventId", type, account) values ($1, $2, 'evt_rls_' || $1, 'checkout.session.completed', 'acct_rls')`,
      [t, p('event')],
    ],
    [`insert into "ServiceCategory" ("tenantId", id, name, "updatedAt") values ($1, $2, 'RLS 测试类别', now())`, [t, p('svc-cat')]],
    [
      `insert into "ServiceItem" ("tenantId", id, "categoryId", name, "communityIds", skills, "updatedAt") values ($1, $2, $3, '缝补', array[$4], '{}', now())`,
      [t, p('svc-item'), p('svc-cat'), ids.communityId],
    ],
    [
      `insert into "ServiceStation" ("tenantId", id, name, "communityIds", "itemIds", "staffIds", "elementKeys", "updatedAt") values ($1, $2, '睦宁里一站', array[$3], '{}', '{}', '{}', now())`,
      [t, p('station'), ids.communityId],
    ],
    [`insert into "StationSettings" ("tenantId", "updatedAt") values ($1, now())`, [t]],
    [`insert into "WorkOrderCounter" ("tenantId", last) values ($1, 1)`, [t]],
    [
      `insert into "WorkOrder" ("tenantId", id, number, "communityId", "unitId", "requesterId", "categoryId", "itemId", text, period, "firstResponseDueAt", "resolveDueAt", "createdById", "updatedAt")
      values ($1, $2, 1, $3, $4, $5, $6, $7, '漏水', '2026-01', now(), now(), $5, now())`,
      [t, p('order'), ids.communityId, ids.unitId, ids.userId, p('svc-cat'), p('svc-item')],
    ],
    [
      `insert into "WorkOrderEvent" ("tenantId", id, "orderId", kind, "actorId", "actorRole") values ($1, $2, $3, 'note', $4, 'STAFF')`,
      [t, p('order-event'), p('order'), ids.userId],
    ],
    [
      `insert into "WorkOrderPhoto" ("tenantId", id, "orderId", "uploadId", "thumbId", "uploadedBy") values ($1, $2, $3, $4, $5, $6)`,
      [t, p('order-photo'), p('order'), p('upload-' + t), p('thumb-' + t), ids.userId],
    ],
    [`insert into "StreetOffice" (id, slug, name) values ($1, $1, '测试街道') on conflict do nothing`, [p('office-' + t)]],
    [
      `insert into "StreetEscalation" ("tenantId", id, "orderId", "officeId", "companyName", "orderNumber", "categoryName", text, "communityName", address, "escalatedById")
      values ($1, $2, $3, $4, 'A', 1, '公共报修', '路灯', '小区', '地址', $5)`,
      [t, p('escalation'), p('order'), p('office-' + t), ids.userId],
    ],
    [
      `insert into "StreetReply" ("tenantId", id, "escalationId", "officeId", "authorId", body) values ($1, $2, $3, $4, $5, '收到')`,
      [t, p('street-reply'), p('escalation'), p('office-' + t), ids.userId],
    ],
    [
      `insert into "Announcement" ("tenantId", id, title, body, "communityIds", "publishedById") values ($1, $2, '停水通知', '明日停水', array[$3], $4)`,
      [t, p('announcement'), ids.communityId, ids.userId],
    ],
  ];
}
