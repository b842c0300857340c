-- CreateTable
CREATE TABLE "SeriesBand" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "actual" REAL,
    "expected" REAL,
    "lower" REAL,
    "upper" REAL,
    "breakdown" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("orgId", "seriesKey", "day", "service"),
    CONSTRAINT "SeriesBand_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SeriesBandState" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "untilDay" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,

    PRIMARY KEY ("orgId", "seriesKey"),
    CONSTRAINT "SeriesBandState_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

