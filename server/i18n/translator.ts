import { createTranslator } from 'next-intl';
import enCashier from '../../app/_i18n/messages/en/cashier.json';
import enEnums from '../../app/_i18n/messages/en/enums.json';
import enErrors from '../../app/_i18n/messages/en/errors.json';
import enServer from '../../app/_i18n/messages/en/server.json';
import zhCashier from '../../app/_i18n/messages/zh-CN/cashier.json';
import zhEnums from '../../app/_i18n/messages/zh-CN/enums.json';
import zhErrors from '../../app/_i18n/messages/zh-CN/errors.json';
import zhServer from '../../app/_i18n/messages/zh-CN/server.json';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../shared/locale';

// Server texts (bill and reminder messages, CSV headers, receipt and PDF labels, e-mails) in the
// recipient's or company's locale, from the same catalogs the UI uses (loaded statically here:
// no request, no next-intl plugin). Keys are typed by the English files.

const CATALOGS = {
  en: { errors: enErrors, server: enServer, cashier: enCashier, enums: enEnums },
  'zh-CN': { errors: zhErrors, server: zhServer, cashier: zhCashier, enums: zhEnums },
} satisfies Record<Locale, unknown>;

type ServerMessages = (typeof CATALOGS)['en'];

/** A locale the catalogs have: the given one if known, else Chinese. */
export const textLocale = (locale: string | null | undefined): Locale => (isLocale(locale) ? locale : DEFAULT_LOCALE);

/** `t('bills.newTitle', { period })` in `locale` (company's or recipient's), namespace `server`. */
export function serverTranslator(locale: string | null | undefined) {
  const l = textLocale(locale);
  return createTranslator<ServerMessages, 'server'>({ locale: l, messages: CATALOGS[l], namespace: 'server' });
}

/** The errors namespace in `locale` (tests render every error key with it). */
export function errorTranslator(locale: string | null | undefined) {
  const l = textLocale(locale);
  return createTranslator<ServerMessages, 'errors'>({ locale: l, messages: CATALOGS[l], namespace: 'errors' });
}

/**
 * The receipt's one label set (#17), `cashier.receipt`: the screen receipt reads it with
 * useTranslations, the PDF receipt here, in the company's language.
 */
export function receiptLabels(locale: string | null | undefined) {
  const l = textLocale(locale);
  return createTranslator<ServerMessages, 'cashier.receipt'>({ locale: l, messages: CATALOGS[l], namespace: 'cashier.receipt' });
}

/** Payment methods in words (enums.paymentMethod), as the screen shows them. */
export function paymentMethodLabels(locale: string | null | undefined) {
  const l = textLocale(locale);
  return createTranslator<ServerMessages, 'enums.paymentMethod'>({ locale: l, messages: CATALOGS[l], namespace: 'enums.paymentMethod' });
}

export type ServerTranslator = ReturnType<typeof serverTranslator>;
