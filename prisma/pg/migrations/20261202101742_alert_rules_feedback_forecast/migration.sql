-- CreateEnum
CREATE TYPE "ThresholdMode" AS ENUM ('any', 'all');

-- CreateEnum
CREATE TYPE "AlertFrequency" AS ENUM ('immediate', 'daily', 'weekly');

-- AlterEnum
ALTER TYPE "DeliveryEvent" ADD VALUE 'forecast';

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "budget" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "AlertDestination" ADD COLUMN     "forecastAlerts" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "frequency" "AlertFrequency" NOT NULL DEFAULT 'immediate',
ADD COLUMN     "minImpactPercent" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "monitorIds" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "thresholdMode" "ThresholdMode" NOT NULL DEFAULT 'any';

-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN     "matchedRule" TEXT;

