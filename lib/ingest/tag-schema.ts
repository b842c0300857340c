// The JSON ingest rows' `tags` (issue 13): {"team": "search"}. Client-safe (zod only).
import { z } from "zod";

export const MAX_ROW_TAGS = 50;

export const rowTags = z
  .record(
    z.string().trim().min(1, { message: "tag keys must not be empty" }).max(128, { message: "tag keys must be at most 128 characters" }),
    z.string({ message: "tag values must be strings" }).trim().min(1, { message: "tag values must not be empty" }).max(256, { message: "tag values must be at most 256 characters" }),
    { message: 'must be an object of tag values, e.g. {"team": "search"}' },
  )
  .refine((tags) => Object.keys(tags).length <= MAX_ROW_TAGS, { message: `must have at most ${MAX_ROW_TAGS} tags` })
  .describe("Cost allocation tags of the row: key → value. Each key keeps at most 100 distinct values per provider; later ones are counted as \"(other)\".");
