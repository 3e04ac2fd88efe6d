// `prisma generate` without network: Prisma 7's CLI insists on a native schema-engine
// binary it cannot download here, but generate never runs it (see shared DATABASE.md).
// Point it at a stub so the client is generated offline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'linli-prisma-'));
const stub = join(dir, 'schema-engine');
writeFileSync(stub, '#!/bin/sh\necho "schema-engine-cli 0.0.0"\n');
chmodSync(stub, 0o755);
execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', '--schema', 'prisma/schema.prisma'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
