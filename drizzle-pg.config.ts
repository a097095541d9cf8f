import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL twin of drizzle.config.ts: `npm run db:generate` writes both dialects' migrations. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/pg/schema.ts',
  out: './server/db/migrations-pg',
  dbCredentials: { url: process.env.TRIAGE_DATABASE_URL ?? 'postgres://localhost/triage' },
});
