import 'server-only';

// The one way Linli hands a text message to the outside: an SmsTransport. Which one runs is
// decided by the environment (server/sms/config.ts): the log (embedded demo, development), an
// HTTP bridge to a real provider (SMS_HTTP_URL), or none (phone sign-in off). The outbox job
// (server/jobs/outbox.ts) is its only caller; services write messages through the outbox writer
// (server/notifications/outbox.ts), never to a transport.

export interface SmsMessage {
  /** mainland mobile, 11 digits (server/shared/phone.ts) */
  to: string;
  text: string;
}

export interface SmsTransport {
  name: string;
  /** Resolves once the provider accepted the message; throws on failure (the outbox retries). */
  send(message: SmsMessage): Promise<void>;
}
