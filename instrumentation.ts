// Runs once when the server process starts (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { boot } = await import('./server/boot');
  try {
    await boot();
  } catch (e) {
    console.error(`\nLinli could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
