import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { createCaller } from './root';
import { createContext } from './context';

/** tRPC caller for server components: the same procedures, checks and errors as the API. */
export const serverApi = cache(async () => createCaller(await createContext(await headers())));
