// Linli's HTTP server: Next.js (a production build, `next({ dev: false })`) inside a plain Node
// server that stamps each request's client address into the private header x-linli-client-ip
// before Next sees it (scripts/lib/client-address.mjs). Next only fills X-Forwarded-For when a
// client sent none, so without this a client could pick its own IP for every per-IP limit.
// Used by `npm start` (after its migrate step) and the e2e servers. Env: PORT (3000), HOST
// (all interfaces), TRUSTED_PROXY_HOPS (0), plus the app's own variables.
import { createServer } from 'node:http';
import next from 'next';
import { parseTrustedHops, stampClientAddress } from './lib/client-address.mjs';
import { startStripeFakeForApp } from '../server/fakes/stripe/app.ts';

process.env.NEXT_TELEMETRY_DISABLED = '1';
let hops;
try {
  hops = parseTrustedHops(process.env.TRUSTED_PROXY_HOPS);
} catch (e) {
  console.error(`\nLinli could not start: ${e.message}\n`);
  process.exit(1);
}
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;

// The local Stripe fake (server/fakes/stripe/app.ts) when no Stripe key is set and the
// database is embedded (or LINLI_FAKES=1): started before Next loads, as it sets the app's
// LINLI_STRIPE_FAKE_URL / LINLI_STRIPE_FAKE_KEY / STRIPE_WEBHOOK_SECRET.
const stripeFake = await startStripeFakeForApp({ appPort: port, host });
if (stripeFake) console.log(`Stripe fake (test payments) on ${stripeFake.url}`);

const app = next({ dev: false, dir: process.cwd(), hostname: host ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  stampClientAddress(req, hops);
  handle(req, res).catch((err) => {
    console.error(err);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('Internal Server Error');
  });
});
server.listen(port, host, () => {
  console.log(`Linli listening on http://${host ?? 'localhost'}:${port}${hops ? ` (trusting ${hops} proxy hop${hops > 1 ? 's' : ''})` : ''}`);
  // The first page a process renders loads React's server runtime and the app's shared code
  // (0.5–1 s, bench:pages): rendered once here, so that the first visitor does not wait for it.
  const self = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  fetch(`http://${self.includes(':') ? `[${self}]` : self}:${port}/`)
    .then((r) => r.arrayBuffer())
    .catch(() => undefined);
});
// Stop accepting on SIGTERM/SIGINT; the app's own handlers (server/boot.ts) close the database.
for (const sig of ['SIGINT', 'SIGTERM'])
  process.once(sig, () => {
    server.close();
    void stripeFake?.stop();
  });
