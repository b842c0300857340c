-- Written by hand (prisma migrate diff fails on this change with "External error"): the unique
-- index on CostEntry starts with (providerId, day), so this one only cost import time.
DROP INDEX "CostEntry_providerId_day_idx";
