import 'server-only';
import { isEmbedded } from '../env';
import { httpSmsTransport } from './http-transport';
import { logSmsTransport } from './log-transport';
import type { SmsTransport } from './transport';

// Which SMS transport runs, from the environment (read per call, so tests can set it):
//   SMS_HTTP_URL set                          → the HTTP transport (a real provider, or the fake)
//   otherwise, outside "production + database" → the log (embedded demo, development, tests),
//     and with LINLI_FAKES=1 in production too (a staging copy with no provider)
//   otherwise                                 → none: phone sign-in is off (smsAvailable false)

const productionWithDatabase = (e: NodeJS.ProcessEnv) => e.NODE_ENV === 'production' && !isEmbedded(e);

/** Whether text messages can go out; phone sign-in is off (UI hidden, API refused) when not. */
export function smsAvailable(e: NodeJS.ProcessEnv = process.env): boolean {
  return !!e.SMS_HTTP_URL?.trim() || !productionWithDatabase(e) || e.LINLI_FAKES === '1';
}

/** The embedded demo (log transport): a sign-in code may be shown on screen. */
export function smsDemoMode(e: NodeJS.ProcessEnv = process.env): boolean {
  return isEmbedded(e) && !e.SMS_HTTP_URL?.trim();
}

const unavailable: SmsTransport = {
  name: 'sms-off',
  async send() {
    throw new Error('No SMS provider configured (SMS_HTTP_URL)');
  },
};

export function getSmsTransport(e: NodeJS.ProcessEnv = process.env): SmsTransport {
  const url = e.SMS_HTTP_URL?.trim();
  if (url) return httpSmsTransport({ url, token: e.SMS_HTTP_TOKEN?.trim() || undefined });
  if (smsAvailable(e)) return logSmsTransport({ showText: smsDemoMode(e) });
  return unavailable;
}
