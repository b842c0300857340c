-- CreateTable
CREATE TABLE "SeriesBand" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "actual" DOUBLE PRECISION,
    "expected" DOUBLE PRECISION,
    "lower" DOUBLE PRECISION,
    "upper" DOUBLE PRECISION,
    "breakdown" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SeriesBand_pkey" PRIMARY KEY ("orgId","seriesKey","day","service")
);

-- CreateTable
CREATE TABLE "SeriesBandState" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "fromDay" TEXT NOT NULL,
    "untilDay" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeriesBandState_pkey" PRIMARY KEY ("orgId","seriesKey")
);

-- AddForeignKey
ALTER TABLE "SeriesBand" ADD CONSTRAINT "SeriesBand_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeriesBandState" ADD CONSTRAINT "SeriesBandState_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

