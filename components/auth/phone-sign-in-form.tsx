'use client';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { ZMobilePhone, ZPhoneCodeSignIn, ZPhonePasswordSignIn } from '@/server/shared/schemas/auth';
import { serverErrorInfo } from '@/components/forms/server-error';
import { useTRPC } from '@/components/trpc';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/alert';
import { FormError } from '@/components/forms/form-error';
import { useServerError } from '@/components/forms/use-server-error';

const RESEND_SECONDS = 60;

/** Seconds left of a countdown started with `start(n)`. */
function useCountdown() {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const id = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(id);
  }, [until, now]);
  return {
    left: Math.max(0, Math.ceil((until - now) / 1000)),
    start: (seconds: number) => {
      const n = Date.now();
      setNow(n);
      setUntil(n + seconds * 1000);
    },
  };
}

type ErrorText = ReturnType<typeof useServerError>;

/**
 * Both forms end the same way: sign in with the 'phone' provider, show why it failed (the
 * provider's keyed error, else `wrong`), or go on to the callback page.
 */
function usePhoneSignIn(
  callbackUrl: string | null,
  errorText: ErrorText,
  errors: { clearFormError(): void; setFormError(m: string): void },
  wrong: Parameters<ErrorText['message']>[0],
) {
  const [leaving, setLeaving] = useState(false);
  const submit = async (credentials: Record<string, string>) => {
    errors.clearFormError();
    const r = await signIn('phone', { ...credentials, redirect: false }).catch(() => undefined);
    if (!r || r.error || !r.ok) {
      errors.setFormError(r?.error && r.error !== 'CredentialsSignin' ? errorText.message(r.error) : errorText.message(wrong));
      return;
    }
    setLeaving(true);
    window.location.assign(callbackUrl ?? '/');
  };
  return { leaving, submit };
}

/**
 * Sign-in by phone: the number, 获取验证码 (then a 60 s countdown) and the code; or the number
 * and a password the person set. In the embedded demo (no SMS provider) the code is shown here.
 */
export function PhoneSignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const [mode, setMode] = useState<'code' | 'password'>('code');
  const [phone, setPhone] = useState('');
  const t = useTranslations('auth.signIn');
  return (
    <div className="space-y-3">
      {mode === 'code' ? (
        <CodeForm callbackUrl={callbackUrl} phone={phone} onPhone={setPhone} />
      ) : (
        <PasswordForm callbackUrl={callbackUrl} phone={phone} onPhone={setPhone} />
      )}
      <p className="text-center text-sm">
        <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setMode(mode === 'code' ? 'password' : 'code')}>
          {mode === 'code' ? t('usePassword') : t('useCode')}
        </button>
      </p>
    </div>
  );
}

type FormProps = { callbackUrl: string | null; phone: string; onPhone: (p: string) => void };

function CodeForm({ callbackUrl, phone, onPhone }: FormProps) {
  const t = useTranslations('auth.signIn');
  const trpc = useTRPC();
  const errorText = useServerError();
  const request = useMutation(trpc.account.requestPhoneCode.mutationOptions());
  const form = useForm<z.input<typeof ZPhoneCodeSignIn>, unknown, z.output<typeof ZPhoneCodeSignIn>>({
    resolver: zodResolver(ZPhoneCodeSignIn),
    defaultValues: { phone, code: '' },
  });
  const errors = errorText.form(form);
  const countdown = useCountdown();
  const [sent, setSent] = useState<{ demoCode: string | null } | null>(null);
  const finish = usePhoneSignIn(callbackUrl, errorText, errors, 'wrongCode');

  const getCode = async () => {
    errors.clearFormError();
    form.clearErrors('phone');
    const parsed = ZMobilePhone.safeParse(form.getValues('phone'));
    if (!parsed.success) {
      form.setError('phone', { type: 'client', message: parsed.error.issues[0]?.message ?? 'phoneInvalid' }, { shouldFocus: true });
      return;
    }
    try {
      const r = await request.mutateAsync({ phone: parsed.data });
      setSent(r);
      countdown.start(RESEND_SECONDS);
    } catch (e) {
      const info = serverErrorInfo(e);
      if (info.retryAfter) countdown.start(info.retryAfter);
      errors.onServerError(e);
    }
  };

  const onSubmit = form.handleSubmit(({ phone: p, code }) => finish.submit({ phone: p, code }));

  const phoneField = form.register('phone', { onChange: (e: { target: { value: string } }) => onPhone(e.target.value) });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="phone-sign-in">
      <FormError message={errors.formError} />
      <TextField label={t('phone')} type="tel" inputMode="tel" autoComplete="tel" autoFocus required error={errors.fieldError('phone')} {...phoneField} />
      <div className="flex items-end gap-2">
        <TextField
          label={t('code')}
          fieldClassName="min-w-0 flex-1"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          error={errors.fieldError('code')}
          {...form.register('code')}
        />
        <Button variant="secondary" className="shrink-0" onClick={getCode} pending={request.isPending} disabled={countdown.left > 0} data-testid="get-code">
          {countdown.left > 0 ? t('resend', { seconds: countdown.left }) : t('getCode')}
        </Button>
      </div>
      {sent && <Alert tone="success">{t('codeSent')}</Alert>}
      {sent?.demoCode && (
        <p className="rounded-md border border-dashed border-amber-300 bg-amber-50 p-2 text-sm text-amber-800" data-testid="demo-code">
          {t('demoCode', { code: sent.demoCode })}
        </p>
      )}
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || finish.leaving}>
        {t('submit')}
      </Button>
    </form>
  );
}

function PasswordForm({ callbackUrl, phone, onPhone }: FormProps) {
  const t = useTranslations('auth.signIn');
  const errorText = useServerError();
  const form = useForm<z.input<typeof ZPhonePasswordSignIn>, unknown, z.output<typeof ZPhonePasswordSignIn>>({
    resolver: zodResolver(ZPhonePasswordSignIn),
    defaultValues: { phone, password: '' },
  });
  const errors = errorText.form(form);
  const finish = usePhoneSignIn(callbackUrl, errorText, errors, 'wrongPhoneCredentials');
  const onSubmit = form.handleSubmit(({ phone: p, password }) => finish.submit({ phone: p, password }));

  const phoneField = form.register('phone', { onChange: (e: { target: { value: string } }) => onPhone(e.target.value) });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="phone-password-sign-in">
      <FormError message={errors.formError} />
      <TextField label={t('phone')} type="tel" inputMode="tel" autoComplete="tel" autoFocus required error={errors.fieldError('phone')} {...phoneField} />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="current-password"
        required
        error={errors.fieldError('password')}
        {...form.register('password')}
      />
      <Button type="submit" className="w-full" pending={form.formState.isSubmitting || finish.leaving}>
        {t('submit')}
      </Button>
    </form>
  );
}
