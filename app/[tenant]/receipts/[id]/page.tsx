import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { serverApi } from '@/server/api/server-caller';
import { allowed, handlePageError, loadCompany } from '@/components/tenant/load-company';
import { Forbidden } from '@/components/tenant/forbidden';
import { ReceiptView } from '@/components/payments/receipt-view';
import { OnlineRefundPanel } from '@/components/online-payments/online-refund-panel';

type Props = { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('cashier.receipt'))('title') };
}

export default async function ReceiptPage({ params, searchParams }: Props) {
  const { tenant, id } = await params;
  const sp = await searchParams;
  const company = await loadCompany(tenant);
  // Fee readers see every receipt; a resident only their own unit's (the procedure decides).
  const resident = allowed(company, 'resident.self');
  if (!allowed(company, 'fees.read') && !resident) return <Forbidden slug={tenant} />;
  const api = await serverApi();
  const receipt = await api.payments.getReceipt({ tenant, id }).catch(handlePageError);
  const back = resident ? `/${tenant}/my-payments` : `/${tenant}/payments`;
  return (
    <>
      <ReceiptView receipt={receipt} autoPrint={sp.print === '1'} backHref={back} />
      {/* 退款 of an online payment, for admins (the panel checks the role and the payment) */}
      {receipt.method === 'ONLINE' && !receipt.reversed && <OnlineRefundPanel paymentId={receipt.id} receiptNo={receipt.receiptNo} />}
    </>
  );
}
