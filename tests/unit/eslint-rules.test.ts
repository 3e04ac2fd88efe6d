import { describe, it } from 'vitest';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import linli from '../../scripts/lib/eslint-plugin-linli.mjs';

// Linli's own lint rules (#13 points 1 and 7), run by `npm run lint`.
RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });
const client = (body: string) => `'use client';\n${body}`;

tester.run('linli/client-imports', linli.rules['client-imports'], {
  valid: [
    { code: client(`import { can } from '@/server/shared/permissions';`), filename: 'components/x/panel.tsx' },
    { code: client(`import type { AppRouter } from '@/server/api/root';`), filename: 'components/trpc.tsx' },
    { code: client(`import { type AppRouter } from '@/server/api/root';`), filename: 'components/trpc.tsx' },
    { code: client(`import { ZSignIn } from '../../server/shared/schemas/auth';`), filename: 'components/auth/form.tsx' },
    // A server component may import services.
    { code: `import { listBills } from '@/server/billing/bills';`, filename: 'app/[tenant]/bills/page.tsx' },
  ],
  invalid: [
    { code: client(`import { listBills } from '@/server/billing/bills';`), filename: 'components/x/panel.tsx', errors: [{ messageId: 'forbidden' }] },
    { code: client(`import { getDatabase } from '../../server/db';`), filename: 'components/x/panel.tsx', errors: [{ messageId: 'forbidden' }] },
    { code: client(`export { can } from '@/server/auth/permissions';`), filename: 'components/x/panel.tsx', errors: [{ messageId: 'forbidden' }] },
    { code: client(`const m = import('@/server/payments/receipt');`), filename: 'components/x/panel.tsx', errors: [{ messageId: 'forbidden' }] },
  ],
});

tester.run('linli/app-error-key', linli.rules['app-error-key'], {
  valid: [
    `new AppError('NOT_FOUND', 'notFound.bill');`,
    `new AppError('CONFLICT', 'runUndone', { period });`,
    "new AppError('NOT_FOUND', `notFound.${what}`);",
    `new AppError('BAD_REQUEST', key, params);`,
    `new AppError('BAD_REQUEST', closed ? 'periodClosed' : 'dayClosed');`,
  ],
  invalid: [
    { code: `new AppError('NOT_FOUND', 'Bill not found');`, errors: [{ messageId: 'sentence' }] },
    { code: "new AppError('NOT_FOUND', `${what} not found`);", errors: [{ messageId: 'template' }] },
    { code: `new AppError('CONFLICT', 'Period ' + period + ' is closed');`, errors: [{ messageId: 'concat' }] },
    { code: `new AppError('CONFLICT', ok ? 'fine' : 'not fine.');`, errors: [{ messageId: 'sentence' }] },
  ],
});
