import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MLP Classroom", template: "%s · MLP Classroom" },
  description: "A live classroom for teaching neural networks: every student trains an MLP in the browser.",
};

// Every page carries a per-request CSP nonce (server/http/security-headers.ts), so none can be
// prerendered as static HTML.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-tight">
              <span aria-hidden="true" className="mr-1 text-warm-500">
                ●
              </span>
              <span aria-hidden="true" className="mr-2 text-cool-500">
                ■
              </span>
              MLP Classroom
            </Link>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
