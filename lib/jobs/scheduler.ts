// Runs detection every BANDWATCH_DETECT_INTERVAL_MINUTES inside the server process.
// Several app instances may each run the schedule: the lease makes one of them work.
import { config } from "@/lib/config";
import { runDetection } from "./run-detection";
import { startAlertDeliveryLoop } from "@/lib/alerts/deliver";

const started = globalThis as unknown as { __bandwatchScheduler?: NodeJS.Timeout };

export function startScheduler(): void {
  // Alert deliveries (retries, digests) run even when scheduled detection is off.
  startAlertDeliveryLoop();
  const minutes = config.detectIntervalMinutes;
  if (started.__bandwatchScheduler || minutes <= 0) return;
  const tick = async () => {
    try {
      const summary = await runDetection();
      if (summary.status === "failed") console.error(`[bandwatch] detection failed: ${summary.error}`);
    } catch (error) {
      console.error("[bandwatch] detection run crashed", error);
    }
  };
  started.__bandwatchScheduler = setInterval(tick, minutes * 60_000);
  started.__bandwatchScheduler.unref();
  // First run shortly after start, so fresh data is judged without waiting an hour.
  setTimeout(tick, 15_000).unref();
}
