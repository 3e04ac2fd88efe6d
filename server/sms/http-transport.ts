import 'server-only';
import type { SmsTransport } from './transport';

export interface HttpSmsConfig {
  url: string;
  token?: string;
  /** per request; a slow provider must not hold the outbox job */
  timeoutMs?: number;
}

/**
 * A real provider behind a small HTTP bridge: POST {"to", "text"} as JSON with a bearer token.
 * Any answer but 2xx (or no answer in time) is a failure; the outbox job retries the message.
 */
export function httpSmsTransport(config: HttpSmsConfig): SmsTransport {
  return {
    name: 'sms-http',
    async send(m) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (config.token) headers.authorization = `Bearer ${config.token}`;
      const res = await fetch(config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: m.to, text: m.text }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
      if (!res.ok) {
        const detail = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`SMS provider answered ${res.status}${detail ? `: ${detail}` : ''}`);
      }
      await res.body?.cancel().catch(() => undefined);
    },
  };
}
