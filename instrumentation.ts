// Starts the in-server detection schedule and the sweeper of interrupted work (Node.js runtime only).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/jobs/scheduler");
  startScheduler();
  const { startSweeper } = await import("./lib/ingest/sweeper");
  startSweeper();
}
