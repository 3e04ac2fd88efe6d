import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & { rules: Record<'client-imports' | 'app-error-key', Rule.RuleModule> };
export default plugin;
