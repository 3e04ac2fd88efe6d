// A local stand-in for an SMS provider's HTTP bridge, for tests and demos with no provider:
// the same contract as server/sms/http-transport.ts (POST {"to", "text"} as JSON with a bearer
// token → 2xx). It records what it was sent (GET /messages) and can be told to fail the next
// sends (POST /fail {"times": n}) so the outbox's retries can be exercised.
//
// Plain Node (node:http only, erasable type syntax): scripts/server.mjs may import it as is.
// With NODE_ENV=production and a DATABASE_URL, and no LINLI_FAKES=1, it answers 404 to
// everything: a fake must never stand in for a real provider in production.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface FakeSms {
  id: string;
  to: string;
  text: string;
  at: string;
}

export interface SmsFakeOptions {
  /** 0 (default) = any free port */
  port?: number;
  host?: string;
  /** the bearer token it accepts; unset = any (or none) */
  token?: string;
  env?: NodeJS.ProcessEnv;
}

export interface SmsFake {
  url: string;
  /** where the HTTP transport posts (SMS_HTTP_URL) */
  sendUrl: string;
  messages: FakeSms[];
  /** the next `times` sends answer 500 */
  failNext(times: number): void;
  close(): Promise<void>;
}

/** The fakes answer 404 in production with a database unless LINLI_FAKES=1. */
export function fakesRefused(env: NodeJS.ProcessEnv = process.env): boolean {
  const database = !!(env.DATABASE_URL || env.APP_DATABASE_URL);
  return env.NODE_ENV === 'production' && database && env.LINLI_FAKES !== '1';
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startSmsFake(opts: SmsFakeOptions = {}): Promise<SmsFake> {
  const env = opts.env ?? process.env;
  const messages: FakeSms[] = [];
  let failures = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (fakesRefused(env)) return json(res, 404, { error: 'not found' });
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/messages') return json(res, 200, { messages });
      if (req.method === 'POST' && path === '/fail') {
        const body = JSON.parse((await readBody(req)) || '{}') as { times?: unknown };
        failures = typeof body.times === 'number' && body.times >= 0 ? Math.floor(body.times) : 1;
        return json(res, 200, { failing: failures });
      }
      if (req.method === 'POST' && path === '/send') {
        if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) return json(res, 401, { error: 'bad token' });
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return json(res, 415, { error: 'send JSON' });
        let body: { to?: unknown; text?: unknown };
        try {
          body = JSON.parse(await readBody(req)) as { to?: unknown; text?: unknown };
        } catch {
          return json(res, 400, { error: 'bad JSON' });
        }
        if (typeof body.to !== 'string' || !/^1[3-9]\d{9}$/.test(body.to)) return json(res, 400, { error: 'to: 11-digit mobile number' });
        if (typeof body.text !== 'string' || !body.text || body.text.length > 500) return json(res, 400, { error: 'text: 1–500 characters' });
        if (failures > 0) {
          failures--;
          return json(res, 500, { error: 'provider failure (fake)' });
        }
        const m: FakeSms = { id: randomUUID(), to: body.to, text: body.text, at: new Date().toISOString() };
        messages.push(m);
        return json(res, 200, { id: m.id });
      }
      return json(res, 404, { error: 'not found' });
    } catch {
      if (!res.headersSent) json(res, 400, { error: 'bad request' });
    }
  };
  const server: Server = createServer((req, res) => void handle(req, res));

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${host}:${port}`;
  return {
    url,
    sendUrl: `${url}/send`,
    messages,
    failNext(times: number) {
      failures = times;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
