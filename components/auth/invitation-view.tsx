import { getTranslations } from 'next-intl/server';
import type { RouterOutputs } from '@/components/api-types';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { DetailList } from '@/components/ui/card';
import { AcceptInvitationForm } from './accept-invitation-form';

type Preview = RouterOutputs['account']['previewInvitation'];

/** What the invitation is for, and the form to accept it while it is open. */
export async function InvitationView({ token, preview }: { token: string; preview: Preview | null }) {
  const t = await getTranslations('auth.invite');
  const tRole = await getTranslations('enums.role');
  if (!preview) {
    return (
      <Alert tone="error" title={t('notFoundTitle')}>
        {t('notFoundBody')}
      </Alert>
    );
  }
  return (
    <div className="space-y-5">
      <p className="text-sm text-gray-700">{t('intro', { company: preview.company, role: tRole(preview.role) })}</p>
      <div className="rounded-md bg-gray-50 p-3">
        <DetailList
          narrow
          items={[
            { label: t('company'), value: preview.company },
            { label: t('role'), value: tRole(preview.role) },
            { label: t('email'), value: preview.email, wide: true },
            { label: t('status'), value: <span data-testid="invitation-status">{t(`statuses.${preview.status}`)}</span> },
          ]}
        />
      </div>
      {preview.status === 'open' ? (
        <AcceptInvitationForm token={token} email={preview.email} name={preview.name} hasAccount={preview.hasAccount} />
      ) : (
        <Alert tone="warning">
          {t(`closed.${preview.status}`)}{' '}
          {preview.status === 'accepted' && (
            <ButtonLink href={`/sign-in?callbackUrl=${encodeURIComponent(`/${preview.companySlug}`)}`} variant="ghost" size="sm">
              {t('signIn')}
            </ButtonLink>
          )}
        </Alert>
      )}
    </div>
  );
}
