import { redirect } from 'next/navigation';

type Props = { params: Promise<{ tenant: string }> };

// Reminder notifications link to /<slug>/my/bills; the page lives at /<slug>/my-bills.
export default async function MyBillsAlias({ params }: Props) {
  const { tenant } = await params;
  redirect(`/${tenant}/my-bills`);
}
