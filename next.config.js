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

export default nextConfig;
