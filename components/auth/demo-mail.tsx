'use client';
import { useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/api-types';

type Mail = NonNullable<RouterOutputs['account']['signUp']['demoMail']>;

/** Embedded demo only (no mail server): the e-mail a flow just sent, with its link. */
export function DemoMail({ mail }: { mail: Mail }) {
  const t = useTranslations('auth.signUp');
  return (
    <div className="rounded-md border border-dashed border-amber-300 bg-amber-50 p-3 text-sm" data-testid="demo-mail">
      <p className="mb-2 text-amber-800">{t('demoNotice')}</p>
      <p className="text-gray-700">
        {t('mailTo')}: {mail.to}
      </p>
      <p className="text-gray-700">
        {t('mailSubject')}: {mail.subject}
      </p>
      {mail.link && (
        <a href={mail.link} className="mt-2 inline-block font-medium text-brand-700 hover:underline" data-testid="demo-mail-link">
          {t('openLink')}
        </a>
      )}
    </div>
  );
}
