-- CreateEnum
CREATE TYPE "SegmentDimension" AS ENUM ('page', 'referrer', 'browser', 'device', 'event');

-- AlterTable
ALTER TABLE "WebEvent" ADD COLUMN     "browser" TEXT,
ADD COLUMN     "device" TEXT;

-- AlterTable
ALTER TABLE "Anomaly" ADD COLUMN     "segmentDimension" "SegmentDimension",
ADD COLUMN     "segmentValue" TEXT;

-- CreateTable
CREATE TABLE "WebSegmentHour" (
    "websiteId" TEXT NOT NULL,
    "dimension" "SegmentDimension" NOT NULL,
    "value" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "WebSegmentHour_pkey" PRIMARY KEY ("websiteId","dimension","value","hour")
);

-- CreateIndex
CREATE INDEX "WebSegmentHour_websiteId_hour_idx" ON "WebSegmentHour"("websiteId", "hour");

-- AddForeignKey
ALTER TABLE "WebSegmentHour" ADD CONSTRAINT "WebSegmentHour_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website"("id") ON DELETE CASCADE ON UPDATE CASCADE;

