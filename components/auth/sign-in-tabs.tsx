'use client';
import { useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import { PhoneSignInForm } from './phone-sign-in-form';

type Tab = 'phone' | 'email';

/**
 * The sign-in page's two ways in: 手机号登录 (first: residents) and 邮箱登录. Without SMS (phone
 * sign-in off) only the e-mail form is shown, no tabs.
 */
export function SignInTabs({ phoneEnabled, callbackUrl, emailForm }: { phoneEnabled: boolean; callbackUrl: string | null; emailForm: ReactNode }) {
  const t = useTranslations('auth.signIn');
  const [tab, setTab] = useState<Tab>('phone');
  if (!phoneEnabled) return <>{emailForm}</>;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'phone', label: t('tabPhone') },
    { id: 'email', label: t('tabEmail') },
  ];
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t('title')} className="grid grid-cols-2 rounded-md bg-gray-100 p-1 text-sm">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            id={`sign-in-tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls={`sign-in-panel-${x.id}`}
            onClick={() => setTab(x.id)}
            className={cn('h-9 rounded font-medium', tab === x.id ? 'bg-white text-gray-900 shadow-sm' : 'text-gray-600 hover:text-gray-900')}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`sign-in-panel-${tab}`} aria-labelledby={`sign-in-tab-${tab}`}>
        {tab === 'phone' ? <PhoneSignInForm callbackUrl={callbackUrl} /> : emailForm}
      </div>
    </div>
  );
}
