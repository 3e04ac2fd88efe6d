import { forbidden } from 'next/navigation';

/**
 * A page the role may not open: answers HTTP 403 (Next's forbidden(), experimental.authInterrupts)
 * and renders app/[tenant]/forbidden.tsx inside the company's shell. The server refuses the
 * data anyway. Kept as a component so pages read `if (!allowed) return <Forbidden slug={…} />`.
 */
export async function Forbidden(_props: { slug: string }): Promise<never> {
  forbidden();
}
