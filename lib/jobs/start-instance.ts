// What an app instance starts besides answering requests: the in-server detection schedule and
// the sweeper of interrupted work. Called from instrumentation.ts in the Node.js runtime only;
// it lives here so that Next's Edge bundle of instrumentation.ts never sees Node-only APIs.
import { configError } from "@/lib/config";

export async function startInstance(): Promise<void> {
  // A misconfigured instance refuses to start, naming every invalid variable (a throw here
  // would leave Next running and answering every request with 500). The rest is imported only
  // after this check, so no module reads an invalid setting first.
  const invalid = configError();
  if (invalid) {
    console.error(`[bandwatch] ${invalid}`);
    process.exit(1);
  }
  // The socket address for rate limits: X-Forwarded-For is believed only behind a trusted proxy.
  const { installPeerAddressHeader } = await import("@/lib/auth/client-ip");
  installPeerAddressHeader();
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  startScheduler();
  // Signing secrets stored in plain text by older versions are encrypted once, at start-up.
  const { sealLegacySecrets } = await import("@/lib/alerts/destinations");
  void sealLegacySecrets().catch((error: unknown) => console.error("[bandwatch] could not encrypt stored alert secrets:", error instanceof Error ? error.message : String(error)));
  const { startSweeper } = await import("@/lib/ingest/sweeper");
  startSweeper();
}
