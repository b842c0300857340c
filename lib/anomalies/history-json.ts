// Issue 13: the `history` and `feedback` fields every anomaly detail carries (cost, performance
// and web), and the feedback request body. Plain zod, so the dashboard can import the types.
import { z } from "zod";
import { ANOMALY_ACTIONS, ANOMALY_FEEDBACKS } from "@/lib/vocabulary";

export const MAX_FEEDBACK_NOTE = 1000;

export const historyEntry = z.object({
  action: z.enum(ANOMALY_ACTIONS),
  at: z.string(),
  by: z.string(),
  reason: z.string().nullable(),
  feedback: z.enum(ANOMALY_FEEDBACKS).nullable(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type HistoryEntryJson = z.infer<typeof historyEntry>;

/** Oldest first. */
export const anomalyHistory = z.array(historyEntry);

export const feedbackBody = z.strictObject({
  feedback: z.enum(ANOMALY_FEEDBACKS, { message: `must be one of: ${ANOMALY_FEEDBACKS.join(", ")}` }),
  note: z
    .string({ message: "must be a string" })
    .max(MAX_FEEDBACK_NOTE, { message: `must be at most ${MAX_FEEDBACK_NOTE} characters` })
    .optional()
    .nullable(),
});
export type FeedbackInput = z.output<typeof feedbackBody>;
