export const JOBS_SCHEMA = 'pgboss';

/**
 * Run by the superuser on the embedded database before the session switches to linli_app
 * for good: pg-boss then creates and maintains its own tables as linli_app, in a schema
 * that role owns. (Its tables are not tenant-owned; row-level security is not involved.)
 */
export const EMBEDDED_JOBS_SETUP = `CREATE SCHEMA IF NOT EXISTS ${JOBS_SCHEMA} AUTHORIZATION linli_app`;
