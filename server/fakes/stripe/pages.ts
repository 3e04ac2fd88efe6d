// The fake's hosted pages, standing in for checkout.stripe.com and connect.stripe.com: plain
// HTML forms that work on a phone-sized screen (390 px). Texts are in both Chinese and English,
// as a test page's should be readable by any tester; buttons carry data-testid for tests.
import { formatAmount } from './currencies.ts';
import type { Account, AccountLink, Session } from './state.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f6f8fa;color:#1a1f36}
main{max-width:440px;margin:0 auto;padding:20px 16px 40px}
.badge{display:inline-block;font-size:12px;background:#ffde92;color:#5c3b00;border-radius:4px;padding:2px 6px}
h1{font-size:20px;margin:12px 0 4px}.total{font-size:32px;font-weight:600;margin:4px 0 16px}
table{width:100%;border-collapse:collapse;margin-bottom:16px;background:#fff;border-radius:8px}
td{padding:10px 12px;border-bottom:1px solid #e3e8ee;vertical-align:top}td.amt{text-align:right;white-space:nowrap}
.muted{color:#697386;font-size:13px;overflow-wrap:anywhere}
fieldset{border:1px solid #e3e8ee;border-radius:8px;background:#fff;margin:0 0 16px;padding:8px 12px}
label.m{display:flex;gap:8px;align-items:center;padding:8px 0}
input[type=text]{width:100%;padding:10px;border:1px solid #cfd7df;border-radius:6px;font-size:16px}
button,.link{display:block;width:100%;min-height:48px;border:0;border-radius:6px;font-size:17px;margin:10px 0;cursor:pointer;text-align:center;text-decoration:none;line-height:48px}
button.primary{background:#635bff;color:#fff;font-weight:600}button.secondary{background:#fff;color:#1a1f36;border:1px solid #cfd7df}
button.danger{background:#fff;color:#c0123c;border:1px solid #f3b2c1}.link{color:#635bff;background:transparent}
.error{background:#fde8ec;color:#a41c4e;border-radius:6px;padding:10px 12px;margin-bottom:12px}
.done{background:#e6f6ea;color:#0b6b2b;border-radius:6px;padding:10px 12px;margin-bottom:12px}
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

const METHOD_LABEL: Record<string, string> = { card: '银行卡 · Card', alipay: '支付宝 · Alipay', wechat_pay: '微信支付 · WeChat Pay' };

export function checkoutPage(s: Session, merchant: Account | undefined, error: string | null): string {
  const locale = s.locale?.startsWith('zh') ? 'zh-CN' : 'en-US';
  const money = (n: number) => formatAmount(n, s.currency, locale);
  const name = merchant?.businessName ?? merchant?.email ?? merchant?.id ?? 'Stripe fake';
  const head = `<span class="badge">测试模式 · Test mode</span><h1>${esc(name)}</h1>`;
  if (s.status !== 'open') {
    const text =
      s.status === 'complete' ? (s.paymentStatus === 'paid' ? '已支付 · Paid' : '处理中 · Processing') : '此支付页面已过期 · This checkout session has expired';
    const back = s.status === 'complete' && s.successUrl ? s.successUrl.replace('{CHECKOUT_SESSION_ID}', s.id) : s.cancelUrl;
    return page(
      name,
      `${head}<p class="${s.status === 'complete' ? 'done' : 'error'}" data-testid="session-status">${text}</p>${
        back ? `<a class="link" href="${esc(back)}" data-testid="back">返回商户 · Return to merchant</a>` : ''
      }`,
    );
  }
  const rows = s.lineItems
    .map(
      (li) =>
        `<tr><td>${esc(li.name)}${li.quantity > 1 ? `<div class="muted">× ${li.quantity} · ${money(li.unitAmount)}</div>` : ''}</td><td class="amt">${money(li.unitAmount * li.quantity)}</td></tr>`,
    )
    .join('');
  const methods = s.paymentMethodTypes
    .map(
      (m, i) =>
        `<label class="m"><input type="radio" name="method" value="${esc(m)}"${i === 0 ? ' checked' : ''} data-testid="method-${esc(m)}">${esc(METHOD_LABEL[m] ?? m)}</label>`,
    )
    .join('');
  const errorBox = error ? `<p class="error" role="alert" data-testid="payment-error">${esc(error)} · 您的银行卡被拒绝</p>` : '';
  const action = (what: string) => `/c/pay/${encodeURIComponent(s.id)}/${what}`;
  return page(
    name,
    `${head}<p class="total" data-testid="amount-total">${money(s.amountTotal)}</p>
<table data-testid="line-items">${rows}</table>
${errorBox}
<form method="post" action="${action('pay')}">
<fieldset><legend class="muted">支付方式 · Payment method</legend>${methods}</fieldset>
<label class="muted" for="card">卡号 · Card number (test)</label>
<input type="text" id="card" name="card" value="4242 4242 4242 4242" inputmode="numeric" autocomplete="off">
<button class="primary" type="submit" data-testid="pay">支付 · Pay ${money(s.amountTotal)}</button>
<button class="danger" type="submit" formaction="${action('decline')}" data-testid="decline">模拟拒付 · Decline</button>
<button class="secondary" type="submit" formaction="${action('async')}" data-testid="pay-async">稍后到账 · Async (settles later)</button>
<button class="secondary" type="submit" formaction="${action('async-fail')}" data-testid="pay-async-fail">稍后失败 · Async (fails)</button>
</form>
${s.cancelUrl ? `<a class="link" href="${esc(s.cancelUrl)}" data-testid="cancel">取消并返回 · Cancel and return</a>` : ''}
<p class="muted">会话 · Session ${esc(s.id)}</p>`,
  );
}

export function onboardingPage(link: AccountLink, account: Account): string {
  const path = `/setup/e/${encodeURIComponent(link.token)}`;
  return page(
    'Stripe Connect',
    `<span class="badge">测试模式 · Test mode</span><h1>Stripe 账户入驻 · Account onboarding</h1>
<p>${esc(account.businessName ?? account.email ?? account.id)}</p><p class="muted">${esc(account.id)} · ${esc(account.country)}</p>
<form method="post" action="${path}/complete"><button class="primary" type="submit" data-testid="complete">完成 · Complete</button></form>
<form method="post" action="${path}/leave"><button class="secondary" type="submit" data-testid="leave">稍后再填 · Return without completing</button></form>`,
  );
}

export function messagePage(text: string, status = 'error'): string {
  return page('Stripe fake', `<span class="badge">测试模式 · Test mode</span><p class="${status}">${esc(text)}</p>`);
}
