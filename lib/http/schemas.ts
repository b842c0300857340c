// Building blocks for query-string and body schemas shared by handlers, the
// dashboard client and the OpenAPI document.
import { z } from "zod";

/** A whole number in a query string ("30"), rejecting "", "1.5", "abc", "-3". */
export function queryInt(opts: { min: number; max: number }) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { message: "must be a whole number" })
    .transform(Number)
    .refine((n) => n >= opts.min && n <= opts.max, { message: `must be between ${opts.min} and ${opts.max}` });
}

export function queryEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { message: `must be one of: ${values.join(", ")}` });
}

export const queryBoolean = z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true");

export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a date YYYY-MM-DD" });

export const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: "must be a UUID" })
  .transform((s) => s.toLowerCase());

/** Path id of an integer resource ("12"); anything else is a 400, not a 404. */
export const intId = queryInt({ min: 1, max: 2_147_483_647 });

/**
 * A JSON body that is a list: at least one item, at most `max`, with messages that name the
 * items ("must contain at most 10000 rows"), so every bulk endpoint bounds its input the same way.
 */
export function bodyArray<T extends z.ZodType>(item: T, opts: { max: number; items: string; shape: string }) {
  return z
    .array(item, { message: `must be a JSON array of ${opts.shape}` })
    .min(1, { message: `must contain at least one ${opts.items.replace(/s$/, "")}` })
    .max(opts.max, { message: `must contain at most ${opts.max} ${opts.items}` });
}

/** The name of something a user creates (provider, website, API key, destination): 1–100 characters after trimming. */
export const displayName = z
  .string({ message: "must be a string" })
  .trim()
  .min(1, { message: "is required" })
  .max(100, { message: "must be at most 100 characters" });

/** `GET /api/health/live`: the process answers; nothing about the deployment. */
export const liveResponse = z.object({ status: z.literal("ok") });
