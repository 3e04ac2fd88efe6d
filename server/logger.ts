import pino from 'pino';
import { env } from './env';

const options = { level: env.LOG_LEVEL, base: { app: 'linli' } };

// Under Vitest the lines go through console, which the runner captures per test: with
// `silent: 'passed-only'` (vitest.config.ts) a passing test's logs are dropped and a failing
// test's are printed with its failure.
export const logger = process.env.VITEST ? pino(options, { write: (line: string) => console.log(line.trimEnd()) }) : pino(options);
