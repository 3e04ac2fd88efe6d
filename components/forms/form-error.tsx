import { Alert } from '@/components/ui/alert';

/** The top-of-form message for an error that belongs to no single field. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert tone="error" className="mb-4" data-testid="form-error">
      {message}
    </Alert>
  );
}
