/** Who pays: a unit's household or a parking space's renter (payments.schemas ZPayer). */
export type PayerRef = { kind: 'UNIT' | 'PARKING'; id: string };

export const payerQuery = (p: PayerRef) => (p.kind === 'UNIT' ? `unit=${encodeURIComponent(p.id)}` : `parking=${encodeURIComponent(p.id)}`);
