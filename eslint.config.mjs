// ESLint (flat config): Next's rules (core web vitals, react, react-hooks, import, a11y),
// typescript-eslint with type information for the promise rules, and Linli's own two rules:
// client components import from `server/` only `server/shared/**` (or types), and AppError
// carries a message key, never a sentence.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import linli from './scripts/lib/eslint-plugin-linli.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.next-*/**',
      '.data/**',
      'server/db/generated/**',
      'prisma/migrations/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { 'react-hooks': reactHooks, linli },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': 'error',
      'linli/client-imports': 'error',
      'linli/app-error-key': 'error',
    },
  },
  {
    // The React Compiler's rules (react-hooks v7) check code written for the compiler, which Linli
    // does not use, and cost about 20 s of a lint run that must fit `npm test`'s time budget; the
    // two classic hook rules above stay on.
    rules: Object.fromEntries(
      Object.keys(reactHooks.rules)
        .filter((r) => r !== 'rules-of-hooks' && r !== 'exhaustive-deps')
        .map((r) => [`react-hooks/${r}`, 'off']),
    ),
  },
  {
    // Plain JavaScript (scripts, configs) is not in the TypeScript project: no typed rules.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
