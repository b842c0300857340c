-- CreateTable
CREATE TABLE "SeriesCheckpoint" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "throughDay" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeriesCheckpoint_pkey" PRIMARY KEY ("orgId","seriesKey")
);

-- CreateTable
CREATE TABLE "DetectionChange" (
    "providerId" INTEGER NOT NULL,
    "fromDay" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DetectionChange_pkey" PRIMARY KEY ("providerId")
);

-- CreateIndex
CREATE INDEX "SeriesCheckpoint_providerId_idx" ON "SeriesCheckpoint"("providerId");

-- AddForeignKey
ALTER TABLE "SeriesCheckpoint" ADD CONSTRAINT "SeriesCheckpoint_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The triggers that keep "DetectionChange" are installed by lib/db/pg-detection-changes.ts (after
-- every `bandwatch db migrate`, and checked by the detection job): Prisma's schema engine splits a
-- migration at every semicolon, so a PL/pgSQL function cannot be written here.
