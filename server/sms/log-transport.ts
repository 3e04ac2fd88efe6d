import 'server-only';
import { logger } from '../logger';
import { maskPhone } from '../shared/phone';
import type { SmsTransport } from './transport';

/**
 * No SMS provider: the message goes to the log. Embedded demo only, the text too (a sign-in
 * code), so whoever runs the demo reads it there as well as on the sign-in page.
 */
export function logSmsTransport(opts: { showText: boolean }): SmsTransport {
  return {
    name: 'sms-log',
    async send(m) {
      logger.info(
        { to: maskPhone(m.to), ...(opts.showText ? { text: m.text } : { length: m.text.length }) },
        'sms: delivered to the log (no SMS provider configured)',
      );
    },
  };
}
