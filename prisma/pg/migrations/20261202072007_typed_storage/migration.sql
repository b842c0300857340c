-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('free', 'pro', 'business');

-- CreateEnum
CREATE TYPE "ProviderKind" AS ENUM ('aws', 'gcp', 'azure', 'other');

-- CreateEnum
CREATE TYPE "AnomalyType" AS ENUM ('cost', 'performance', 'web');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('info', 'warning', 'critical');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('up', 'down');

-- CreateEnum
CREATE TYPE "AnomalyStatus" AS ENUM ('active', 'dismissed');

-- CreateEnum
CREATE TYPE "DetectionStatus" AS ENUM ('running', 'succeeded', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "DestinationKind" AS ENUM ('webhook', 'slack', 'email');

-- CreateEnum
CREATE TYPE "AlertMode" AS ENUM ('immediate', 'digest');

-- CreateEnum
CREATE TYPE "DeliveryEvent" AS ENUM ('created', 'escalated', 'test', 'digest');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'delivered', 'failed', 'batched', 'digested', 'withdrawn');

-- Written by hand: Prisma's diff drops and re-adds each column, which would lose every row's
-- value. Converting in place keeps them (and the indexes on these columns). A text default
-- cannot be cast along with its column, so it is dropped first and set again afterwards.

-- AlterTable
ALTER TABLE "Organization" ALTER COLUMN "plan" DROP DEFAULT,
  ALTER COLUMN "plan" SET DATA TYPE "Plan" USING "plan"::"Plan",
  ALTER COLUMN "plan" SET DEFAULT 'free';

-- AlterTable
ALTER TABLE "DetectionRun" ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" SET DATA TYPE "DetectionStatus" USING "status"::"DetectionStatus",
  ALTER COLUMN "status" SET DEFAULT 'running';

-- AlterTable
ALTER TABLE "Provider" ALTER COLUMN "kind" SET DATA TYPE "ProviderKind" USING "kind"::"ProviderKind";

-- AlterTable
ALTER TABLE "Anomaly" ALTER COLUMN "type" SET DATA TYPE "AnomalyType" USING "type"::"AnomalyType",
  ALTER COLUMN "severity" SET DATA TYPE "Severity" USING "severity"::"Severity",
  ALTER COLUMN "direction" DROP DEFAULT,
  ALTER COLUMN "direction" SET DATA TYPE "Direction" USING "direction"::"Direction",
  ALTER COLUMN "direction" SET DEFAULT 'up',
  ALTER COLUMN "topServices" DROP DEFAULT,
  ALTER COLUMN "topServices" SET DATA TYPE JSONB USING "topServices"::jsonb,
  ALTER COLUMN "topServices" SET DEFAULT '[]',
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" SET DATA TYPE "AnomalyStatus" USING "status"::"AnomalyStatus",
  ALTER COLUMN "status" SET DEFAULT 'active';

-- AlterTable
ALTER TABLE "ImportRun" ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" SET DATA TYPE "ImportStatus" USING "status"::"ImportStatus",
  ALTER COLUMN "status" SET DEFAULT 'running',
  ALTER COLUMN "summary" DROP DEFAULT,
  ALTER COLUMN "summary" SET DATA TYPE JSONB USING "summary"::jsonb,
  ALTER COLUMN "summary" SET DEFAULT '{}';

-- AlterTable
ALTER TABLE "AlertDestination" ALTER COLUMN "kind" SET DATA TYPE "DestinationKind" USING "kind"::"DestinationKind",
  ALTER COLUMN "minSeverity" DROP DEFAULT,
  ALTER COLUMN "minSeverity" SET DATA TYPE "Severity" USING "minSeverity"::"Severity",
  ALTER COLUMN "minSeverity" SET DEFAULT 'info',
  ALTER COLUMN "mode" DROP DEFAULT,
  ALTER COLUMN "mode" SET DATA TYPE "AlertMode" USING "mode"::"AlertMode",
  ALTER COLUMN "mode" SET DEFAULT 'immediate';

-- AlterTable
ALTER TABLE "AlertDelivery" ALTER COLUMN "event" SET DATA TYPE "DeliveryEvent" USING "event"::"DeliveryEvent",
  ALTER COLUMN "status" DROP DEFAULT,
  ALTER COLUMN "status" SET DATA TYPE "DeliveryStatus" USING "status"::"DeliveryStatus",
  ALTER COLUMN "status" SET DEFAULT 'pending',
  ALTER COLUMN "payload" DROP DEFAULT,
  ALTER COLUMN "payload" SET DATA TYPE JSONB USING "payload"::jsonb,
  ALTER COLUMN "payload" SET DEFAULT '{}';
