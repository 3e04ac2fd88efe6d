// How units and parking spaces are named on screen, in mails and on receipts. Pure: the UI may
// import it. The billing run's preview builds the same short form in SQL (concat_ws in
// server/billing/billing-run/candidates.ts).

type UnitParts = { community?: string | null; building?: string | null; entrance?: string | null; number: string };

/** A unit's number with its entrance: "1单元-301", or "301" when the building has one entrance. */
export const unitNumberLabel = (u: { entrance?: string | null; number: string }) => (u.entrance ? `${u.entrance}-${u.number}` : u.number);

/** A unit on one line, as much as is given: "翠竹园 1号楼 1单元-301". */
export const unitLabel = (u: UnitParts) => [u.community, u.building, unitNumberLabel(u)].filter(Boolean).join(' ');

/** The billing screens' short form: building, entrance and number separated by spaces, "1号楼 1单元 101". */
export const unitShortLabel = (u: Omit<UnitParts, 'community'>) => [u.building, u.entrance, u.number].filter(Boolean).join(' ');

/** A parking space, with its community when given: "车位 B-017", "翠竹园 车位 B-017". */
export const spaceLabel = (number: string, community?: string | null) => [community, `车位 ${number}`].filter(Boolean).join(' ');
