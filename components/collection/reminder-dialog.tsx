'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';
import { useTRPC } from '@/components/trpc';
import { useTenant } from '@/components/tenant/tenant-context';
import { useCompanyTime, useMoney } from '@/components/tenant/format';
import { Dialog } from '@/components/ui/dialog';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/input';
import { Alert } from '@/components/ui/alert';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

type Result = RouterOutputs['collection']['sendReminders'];

const CHANNELS = ['inApp', 'email', 'sms'] as const;

/**
 * 催缴: an in-app notification, an e-mail and a text message to each payer in arrears; a unit
 * reminded in the last 7 days is skipped unless forced. Shows, per channel, how many households
 * were reached, the households no channel reaches (to print a 催缴通知单 for), who was reminded
 * and who was skipped, and why.
 */
export function ReminderDialog({
  target,
  onClose,
  onSent,
  communityName,
}: {
  target: { unitIds?: string[]; communityId?: string } | null;
  onClose: () => void;
  onSent: () => void;
  communityName?: string;
}) {
  const t = useTranslations('collection.reminders');
  const { slug } = useTenant();
  const money = useMoney();
  const time = useCompanyTime();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useServerError().text;
  const [force, setForce] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const send = useMutation(trpc.collection.sendReminders.mutationOptions());

  const close = () => {
    setForce(false);
    setError(null);
    setResult(null);
    onClose();
  };
  async function submit() {
    if (!target) return;
    setError(null);
    try {
      const r = await send.mutateAsync({
        tenant: slug,
        force,
        ...(target.unitIds?.length ? { unitIds: target.unitIds } : {}),
        ...(target.communityId && !target.unitIds?.length ? { communityId: target.communityId } : {}),
      });
      setResult(r);
      onSent();
      await queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <Dialog open={!!target} onClose={close} title={t('title')} wide>
      {target && !result && (
        <div>
          <FormError message={error} />
          <p className="text-sm text-gray-700">
            {target.unitIds?.length ? t('toUnits', { count: target.unitIds.length }) : t('toCommunity', { name: communityName ?? '' })}
          </p>
          <p className="mt-2 text-sm text-gray-500">{t('how')}</p>
          <Checkbox className="mt-3" label={t('force')} checked={force} onChange={(e) => setForce(e.target.checked)} />
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              {t('cancel')}
            </Button>
            <Button onClick={submit} pending={send.isPending}>
              {t('send')}
            </Button>
          </div>
        </div>
      )}
      {result && (
        <div className="space-y-3" data-testid="reminder-result">
          <Alert tone={result.sent > 0 ? 'success' : 'info'} title={t('sent', { count: result.sent })} />
          {result.sent > 0 && (
            <table className="w-full text-sm" data-testid="reminder-channels">
              <caption className="text-left font-medium text-gray-800">{t('perChannel')}</caption>
              <tbody>
                {CHANNELS.map((c) => (
                  <tr key={c} className="border-b border-gray-100" data-testid={`reminder-channel-${c}`}>
                    <th scope="row" className="py-1 text-left font-normal text-gray-700">
                      {t(`channel.${c}`)}
                    </th>
                    <td className="py-1 text-right tabular-nums">
                      {t('channelLine', { households: result.channels[c].households, messages: result.channels[c].messages })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.noContact.length > 0 && (
            <div data-testid="reminder-no-contact" className="rounded-md border border-amber-300 bg-amber-50 p-2">
              <p className="text-sm font-medium text-amber-900">{t('noContact', { count: result.noContact.length })}</p>
              <ul className="mt-1 max-h-32 overflow-y-auto text-sm">
                {result.noContact.map((r) => (
                  <li key={r.payerId} className="flex justify-between gap-2 py-0.5">
                    <span>{r.label}</span>
                    <span className="tabular-nums">{money(r.arrearsFen)}</span>
                  </li>
                ))}
              </ul>
              {result.noContact.some((r) => r.payerKind === 'UNIT') && (
                <a
                  href={`/api/arrears/notices?${new URLSearchParams({
                    tenant: slug,
                    unitIds: result.noContact
                      .filter((r) => r.payerKind === 'UNIT')
                      .map((r) => r.payerId)
                      .join(','),
                  }).toString()}`}
                  download
                  className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline"
                  data-testid="reminder-no-contact-notices"
                >
                  {t('printNoContact')}
                </a>
              )}
            </div>
          )}
          {result.reminded.length > 0 && (
            <ul className="max-h-40 overflow-y-auto text-sm">
              {result.reminded.map((r) => (
                <li key={r.payerId} className="flex justify-between gap-2 border-b border-gray-100 py-1">
                  <span>{r.label}</span>
                  <span className="tabular-nums">{money(r.arrearsFen)}</span>
                </li>
              ))}
            </ul>
          )}
          {result.skipped.length > 0 && (
            <div data-testid="reminder-skipped">
              <p className="text-sm font-medium text-gray-800">{t('skipped', { count: result.skipped.length })}</p>
              <ul className="mt-1 max-h-40 overflow-y-auto text-sm">
                {result.skipped.map((s) => (
                  <li key={s.payerId} className="flex flex-wrap justify-between gap-2 border-b border-gray-100 py-1">
                    <span>{s.label || t('unknownUnit')}</span>
                    <span className="text-gray-600">
                      {s.reason === 'RECENTLY_REMINDED' ? t('reasonRecent', { at: s.lastSentAt ? time.dateTime(s.lastSentAt) : '' }) : t('reasonNoArrears')}
                    </span>
                  </li>
                ))}
              </ul>
              {result.skipped.some((s) => s.reason === 'RECENTLY_REMINDED') && <p className="mt-1 text-xs text-gray-500">{t('forceHint')}</p>}
            </div>
          )}
          <div className="flex justify-end">
            <Button onClick={close}>{t('done')}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
