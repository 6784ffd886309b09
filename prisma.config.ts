import { defineConfig } from "prisma/config";

// Read DATABASE_URL directly: prisma's env() helper throws when it is unset, which would break
// `prisma generate` on a machine that uses the embedded database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
