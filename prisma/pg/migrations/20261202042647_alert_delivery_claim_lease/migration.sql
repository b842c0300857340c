-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN     "claimExpiresAt" TIMESTAMP(3),
ADD COLUMN     "claimedAt" TIMESTAMP(3);

