import { getTranslations } from 'next-intl/server';
import type { RouterOutputs } from '@/components/api-types';
import { Alert } from '@/components/ui/alert';
import { ButtonLink } from '@/components/ui/button';
import { DetailList } from '@/components/ui/card';
import { AcceptInvitationForm, AcceptSignedIn } from './accept-invitation-form';

type Preview = RouterOutputs['account']['getInvitationPreview'];

/** What the invitation is for, and the form to accept it while it is open. */
export async function InvitationView({ token, preview, signedInEmail }: { token: string; preview: Preview | null; signedInEmail: string | null }) {
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
        <OpenInvitation token={token} preview={preview} signedInEmail={signedInEmail} />
      ) : (
        <Alert tone="warning">
          {t(`closed.${preview.status}`)}{' '}
          {preview.status === 'accepted' && (
            <ButtonLink href={`/sign-in?tab=email&callbackUrl=${encodeURIComponent(`/${preview.companySlug}`)}`} variant="ghost" size="sm">
              {t('signIn')}
            </ButtonLink>
          )}
        </Alert>
      )}
    </div>
  );
}

/**
 * Signed in as the invited e-mail: accept with one click. Signed in as someone else: sign out
 * first. Signed out: a new person sets a name and password; someone who already has an
 * account signs in and comes back (the page never says which case applies).
 */
async function OpenInvitation({ token, preview, signedInEmail }: { token: string; preview: Preview; signedInEmail: string | null }) {
  const t = await getTranslations('auth.invite');
  if (signedInEmail && signedInEmail.toLowerCase() === preview.email.toLowerCase()) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-gray-600">{t('signedInAs', { email: signedInEmail })}</p>
        <AcceptSignedIn token={token} />
      </div>
    );
  }
  if (signedInEmail) {
    return (
      <Alert tone="warning" data-testid="invitation-other-account">
        {t('otherAccount', { email: preview.email, current: signedInEmail })}
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      <div className="rounded-md border border-gray-200 p-3 text-sm text-gray-700">
        {t('haveAccount', { email: preview.email })}{' '}
        <ButtonLink href={`/sign-in?tab=email&callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} variant="ghost" size="sm">
          {t('signInToAccept')}
        </ButtonLink>
      </div>
      <p className="text-sm text-gray-600">{t('newAccount')}</p>
      <AcceptInvitationForm token={token} email={preview.email} name={preview.name} />
    </div>
  );
}
