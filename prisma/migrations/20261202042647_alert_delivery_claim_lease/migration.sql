-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN "claimExpiresAt" DATETIME;
ALTER TABLE "AlertDelivery" ADD COLUMN "claimedAt" DATETIME;

