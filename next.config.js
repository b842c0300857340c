// Security headers on every response. The dashboard's script-src needs 'unsafe-inline' for the
// inline bootstrap scripts Next.js writes into each page (nonces would force every page to render
// per request); the API reference loads only its own files, so its policy has no inline scripts.
const dev = process.env.NODE_ENV !== "production";
const basePolicy = {
  "default-src": "'self'",
  "img-src": "'self' data: blob:",
  "style-src": "'self' 'unsafe-inline'",
  "font-src": "'self' data:",
  "connect-src": "'self'",
  "object-src": "'none'",
  "base-uri": "'self'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
};
const csp = (scripts) => Object.entries({ ...basePolicy, "script-src": scripts }).map(([k, v]) => `${k} ${v}`).join("; ");
const common = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

async function headers() {
  return [
    { source: "/:path*", headers: [...common, { key: "Content-Security-Policy", value: csp(`'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`) }] },
    { source: "/docs/api", headers: [{ key: "Content-Security-Policy", value: csp("'self'") }] },
    // HSTS only when the request reached us over https (directly or through a TLS-terminating proxy).
    { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] },
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  headers,
  // Separate build folders let several builds (CI, benchmarks) coexist in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  // Type checking runs as its own step of `npm test` (tsc --noEmit over app, lib and tests).
  // Lets a build run from a second checkout that borrows this one's node_modules.
  ...(process.env.NEXT_TURBOPACK_ROOT ? { turbopack: { root: process.env.NEXT_TURBOPACK_ROOT } } : {}),
  typescript: { tsconfigPath: "tsconfig.json", ignoreBuildErrors: true },
};

export default nextConfig;
