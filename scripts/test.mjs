// `npm test`: the whole suite. First the static checks (lint, format:check, typecheck; in
// parallel, each a check that passes or fails in the summary), then unit, integration (PostgreSQL: TEST_DATABASE_URL's server or
// the local one, throwaway databases, never DATABASE_URL) and embedded-mode tests on Vitest,
// then the Playwright e2e tests against a production build. Ends with one summary line;
// exits non-zero when any test failed or a runner broke.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
delete env.DATABASE_URL; // tests never touch it
delete env.APP_DATABASE_URL;
mkdirSync('test-results', { recursive: true });
const bin = (p) => `node_modules/${p}`;
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', env }).status ?? 1;
const readJson = (f) => {
  try {
    return JSON.parse(readFileSync(f, 'utf8'));
  } catch {
    return null;
  }
};

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/e2e.json', { force: true });
const only = process.argv[2]; // optional: "checks", "vitest" or "e2e"

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = [];
const failedChecks = [];

if (!only || only === 'checks') {
  // Output is buffered per check and printed whole, so the three do not interleave.
  const check = (name, args) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => {
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`\n── ${name}: ${code === 0 ? 'passed' : 'FAILED'} (${secs} s)`);
        if (code !== 0 || out.trim()) console.log(out.trimEnd());
        resolve(code === 0);
      });
    });
  const results = await Promise.all([
    check('lint', [bin('eslint/bin/eslint.js'), '.']),
    check('format:check', [bin('prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn']),
    check('typecheck', [bin('typescript/bin/tsc'), '--noEmit']),
  ]);
  ['lint', 'format:check', 'typecheck'].forEach((name, i) => {
    if (results[i]) totals.passed++;
    else {
      totals.failed++;
      failedChecks.push(name);
    }
  });
}

if (!only || only === 'vitest') {
  const code = run([bin('vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
  const r = readJson('test-results/vitest.json');
  if (r) {
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    if (code !== 0 && r.numFailedTests === 0) broken.push(`vitest exited ${code}`);
    const skipped = r.numPendingTests;
    if (skipped) console.log(`\n${skipped} tests SKIPPED (integration tests need PostgreSQL; see the warning above).`);
  } else broken.push(`vitest exited ${code} without a report`);
}

if (!only || only === 'e2e') {
  const code = run([bin('@playwright/test/cli.js'), 'test']);
  const r = readJson('test-results/e2e.json');
  if (r?.stats) {
    totals.passed += r.stats.expected;
    totals.failed += r.stats.unexpected + (r.stats.flaky ?? 0);
    totals.skipped += r.stats.skipped;
    if (code !== 0 && r.stats.unexpected === 0) broken.push(`playwright exited ${code}`);
  } else broken.push(`playwright exited ${code} without a report`);
}

console.log('');
if (broken.length) console.log(`Runner problems: ${broken.join('; ')}`);
if (failedChecks.length) console.log(`Failed checks (counted as failed tests below): ${failedChecks.join(', ')}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken.length ? 1 : 0);
