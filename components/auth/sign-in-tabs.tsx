'use client';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import { PhoneSignInForm } from './phone-sign-in-form';

type Tab = 'phone' | 'email';
const REMEMBERED = 'linli.signInTab';

/**
 * The sign-in page's two ways in: 手机号登录 (first: residents) and 邮箱登录. Without SMS (phone
 * sign-in off) only the e-mail form is shown, no tabs. The tab is `initialTab` (`?tab=` in the URL,
 * e.g. an e-mail invitation's link), else the one last used on this device (staff who sign in by
 * e-mail are not sent to the phone form every time), else the phone.
 */
export function SignInTabs({
  phoneEnabled,
  callbackUrl,
  emailForm,
  initialTab,
}: {
  phoneEnabled: boolean;
  callbackUrl: string | null;
  emailForm: ReactNode;
  initialTab: Tab | null;
}) {
  const t = useTranslations('auth.signIn');
  const [tab, setTabState] = useState<Tab>(initialTab ?? 'phone');
  useEffect(() => {
    if (initialTab) return;
    const saved = window.localStorage.getItem(REMEMBERED);
    // Restoring a device's last choice after hydration (localStorage is not readable on the server).
    if (saved === 'email' || saved === 'phone') setTabState(saved);
  }, [initialTab]);
  const setTab = (next: Tab) => {
    setTabState(next);
    window.localStorage.setItem(REMEMBERED, next);
  };
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
      <div role="tabpanel" id={`sign-in-panel-${tab}`}>
        {tab === 'phone' ? <PhoneSignInForm callbackUrl={callbackUrl} /> : emailForm}
      </div>
    </div>
  );
}
