// The ImportRun.summary Json column: a finished run's figures (lists capped), or a failed
// run's reason as {error_code, error}. Only the reason is read back (the imports list).
import { z } from "zod";
import { readStored } from "@/lib/vocabulary";

// Loose: a succeeded run stores many more figures than the list reads.
const storedImportSummary = z.looseObject({
  error_code: z.string().optional(),
  error: z.string().optional(),
});
export type StoredImportSummary = z.infer<typeof storedImportSummary>;

/** Throws StoredValueError when the column holds something this app did not write. */
export function readImportSummary(row: { summary: unknown }): StoredImportSummary {
  return readStored("ImportRun.summary", storedImportSummary, row.summary);
}
