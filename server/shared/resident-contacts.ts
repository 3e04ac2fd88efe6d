import type { Role } from '../db/generated/enums';

// Who sees residents' phone numbers and e-mail addresses in the register (#15). Staff (维修师傅)
// read the register to find a unit, but a resident's contact is theirs only on an order
// assigned to them (server/work-orders); admins, cashiers and executives keep seeing it.
// Pure: the register pages import it to hide the columns.

export const seesResidentContacts = (role: Role) => role !== 'STAFF';
