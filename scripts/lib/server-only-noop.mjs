// `tsx --import ./scripts/lib/server-only-noop.mjs script.ts`: scripts (seed, benches, migrate)
// run services outside Next, where `import 'server-only'` would throw (it is a no-op only in a
// React Server build). Resolves it to an empty module for this process alone.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        return specifier === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : next(specifier, context);
      }`,
    ),
);
