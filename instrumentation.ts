// Starts the in-server detection schedule and the sweeper of interrupted work (Node.js runtime only).
export async function register() {
  // NEXT_RUNTIME is Next's own (inlined at build time, so the Edge bundle drops the import below).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInstance } = await import("./lib/jobs/start-instance");
    await startInstance();
  }
}
