'use client';
import { useCallback } from 'react';
import { useTranslations } from 'next-intl';
import { serverErrorInfo } from '@/components/forms/server-error';
import { useErrorText, useServerErrorText } from '@/components/forms/use-error-text';

// The fee services' messages (English, part of their API) in the user's language; anything
// not listed falls through to the shared translator, which shows unknown text as written.
type Rule = [RegExp, string, ...string[]];
const RULES: Rule[] = [
  [/^(\d{4}-\d{2}-\d{2}) is already closed \(日结\)/, 'dayClosed', 'day'],
  [/^(\d{4}-\d{2}-\d{2}) is already closed$/, 'dayAlreadyClosed', 'day'],
  [/^(\d{4}-\d{2}-\d{2}) has not happened yet/, 'dayNotYet', 'day'],
  [/^Period (\d{4}-\d{2}) is closed \(关账\)/, 'periodClosed', 'period'],
  [/^The period (\d{4}-\d{2}) is not over yet; it can be closed from (\d{4}-\d{2}-\d{2})$/, 'periodNotOver', 'period', 'from'],
  [/^This period is already closed$/, 'periodAlreadyClosed'],
  [/^The received date (\d{4}-\d{2}-\d{2}) is in the future/, 'receivedFuture', 'day'],
  [/^This payment has already been reversed$/, 'alreadyReversed'],
  [/^This idempotency key was already used for a different request$/, 'idempotencyKeyReused'],
  [/^Only a payment can be reversed/, 'onlyPaymentReversed'],
  [/^This payer has no credit balance$/, 'noCredit'],
  [/^This payer has no open bills to apply the credit to$/, 'noOpenBillsForCredit'],
  [/^This parking space is tied to a unit/, 'spaceTiedToUnit'],
  [/^Bill \S+ is void and cannot be paid$/, 'billVoid'],
  [/^Bill \S+ is already settled$/, 'billSettled'],
  [/^Bill \S+ belongs to another payer$/, 'billOtherPayer'],
  [/^The refund (\S+) is (?:now )?more than the credit balance (\S+)/, 'refundTooLarge', 'amount', 'balance'],
  [/^This refund has already been/, 'refundDecided'],
  [/^This payment added .* the credit has been used or refunded/, 'creditUsedSinceReverse'],
  [/^The cut-off date may not be before the period's first day \((\d{4}-\d{2}-\d{2})\)$/, 'cutoffBeforePeriod', 'first'],
  [/^The building is not in that community$/, 'buildingNotInCommunity'],
  [/^Billing period must be written YYYY-MM/, 'periodFormat'],
  [/^Date must be written YYYY-MM-DD$/, 'dateFormat'],
  [/^No such date/, 'noSuchDate'],
  [/^Amount must be greater than 0$/, 'amountPositive'],
  [/^Amount must be a whole number of fen$/, 'amountWhole'],
  // server/shared/money-input.ts (AMOUNT_MESSAGES, PRICE_MESSAGES)
  [/^Amount is required$/, 'amountRequired'],
  [/^Amount must be a number of yuan/, 'amountFormat'],
  [/^Amount must not be negative$/, 'amountNegative'],
  [/^Amount may have at most 2 decimals/, 'amountDecimals'],
  [/^Amount (is too large|must be at most)/, 'amountTooLarge'],
  [/^Price is required$/, 'priceRequired'],
  [/^Price is too large/, 'priceTooLarge'],
  [/^Price must not be negative/, 'priceNegative'],
  [/^Price may have at most 4 decimals of a yuan/, 'priceDecimals'],
  [/^Price must be a number of yuan/, 'priceFormat'],
  [/^A reason is required$/, 'reasonRequired'],
  [/^(Payment|Refund|Receipt|Bill|Fee item|Parking space|Meter|Billing run|Adjustment|Notification|Day close) not found$/, 'notFound', 'what'],
];

type Loose = (key: string, values?: Record<string, string | number>) => string;

function translate(t: Loose, message: string): string | null {
  for (const [re, key, ...names] of RULES) {
    const m = re.exec(message);
    if (!m) continue;
    const values: Record<string, string> = {};
    names.forEach((n, i) => (values[n] = m[i + 1] ?? ''));
    if (key === 'notFound') {
      const what = (values.what ?? '').replace(/ (\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
      return t('notFound', { what: t(`what.${what}`) });
    }
    return t(key, values);
  }
  return null;
}

/** Like useServerErrorText, knowing the fee services' messages too. */
export function useFeeErrorText() {
  const t = useTranslations('fees.errors') as unknown as Loose;
  const fallback = useServerErrorText();
  return useCallback(
    (err: unknown): string => {
      const info = serverErrorInfo(err);
      if (!info.network && info.code !== 'INTERNAL_SERVER_ERROR') {
        const message = Object.values(info.fieldErrors).find((m) => m?.length)?.[0] ?? info.message;
        const text = translate(t, message);
        if (text) return text;
      }
      return fallback(info);
    },
    [t, fallback],
  );
}

/** One message (e.g. a field's zod issue or an import problem) in the user's language. */
export function useFeeMessageText() {
  const t = useTranslations('fees.errors') as unknown as Loose;
  const shared = useErrorText();
  return useCallback((message: string) => translate(t, message) ?? shared(message), [t, shared]);
}
