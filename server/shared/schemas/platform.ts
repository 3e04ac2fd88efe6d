import { z } from 'zod';
import { ZPage } from '../validation';

// /platform inputs. The application fee's schemas live with online payment (online-payments.ts).
export { ZApplicationFee, ZApplicationFeeForm } from './online-payments';

export const ZPlatformAuditQuery = z.object({ ...ZPage });
