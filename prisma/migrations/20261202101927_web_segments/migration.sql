-- AlterTable
ALTER TABLE "WebEvent" ADD COLUMN "browser" TEXT;
ALTER TABLE "WebEvent" ADD COLUMN "device" TEXT;

-- AlterTable
ALTER TABLE "Anomaly" ADD COLUMN "segmentDimension" TEXT;
ALTER TABLE "Anomaly" ADD COLUMN "segmentValue" TEXT;

-- CreateTable
CREATE TABLE "WebSegmentHour" (
    "websiteId" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "count" REAL NOT NULL,

    PRIMARY KEY ("websiteId", "dimension", "value", "hour"),
    CONSTRAINT "WebSegmentHour_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WebSegmentHour_websiteId_hour_idx" ON "WebSegmentHour"("websiteId", "hour");

