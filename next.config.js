import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_BUILD } from "next/constants.js";
import { writeCellRunner } from "./app/sandbox/build-cell-runner.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc before building; checking again here only
  // costs build time.
  typescript: { ignoreBuildErrors: true },
  // The server's own code (Prisma's generated client, argon2's native binding) stays in Node.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg"],
};

/** Builds (`next build`, also `npm start`'s first run) and `next dev` bundle the sandbox's worker first. */
export default async function config(phase) {
  if (phase === PHASE_PRODUCTION_BUILD || phase === PHASE_DEVELOPMENT_SERVER)
    await writeCellRunner(import.meta.dirname);
  return nextConfig;
}
