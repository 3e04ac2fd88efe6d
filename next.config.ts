import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/_i18n/request.ts');

const nextConfig: NextConfig = {
  // Packages that load .wasm or native files at run time stay outside the bundle
  // (PGlite fails when bundled; see shared DATABASE.md).
  serverExternalPackages: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/schema-engine-wasm',
    '@prisma/adapter-pg',
    '@prisma/driver-adapter-utils',
    '@node-rs/argon2',
    'pg-boss',
    'pino',
    'pg',
    'pdfkit',
  ],
  // A separate build folder per concurrent builder (LINLI_DIST_DIR), default .next.
  distDir: process.env.LINLI_DIST_DIR || '.next',
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
