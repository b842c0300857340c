-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'free',
    "creditBalance" INTEGER NOT NULL DEFAULT 0,
    "creditsPeriod" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimitWindow" (
    "bucket" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("bucket", "windowStart")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "orgId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("orgId", "key")
);

-- CreateTable
CREATE TABLE "JobLock" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "lockedUntil" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DetectionRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "seriesCount" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountId" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Provider_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "subAccount" TEXT NOT NULL DEFAULT '',
    "usageType" TEXT NOT NULL DEFAULT '',
    "chargeCategory" TEXT NOT NULL DEFAULT 'usage',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "amount" REAL NOT NULL,
    "billedAmount" REAL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CostEntry_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostDaily" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "amount" REAL NOT NULL,
    "otherAmount" REAL NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'USD',

    PRIMARY KEY ("providerId", "service", "day"),
    CONSTRAINT "CostDaily_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricDaily" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "service" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "samples" INTEGER NOT NULL DEFAULT 1,

    PRIMARY KEY ("providerId", "service", "metric", "day"),
    CONSTRAINT "MetricDaily_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Website" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "settings" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Website_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "websiteId" TEXT NOT NULL,
    "ts" DATETIME NOT NULL,
    "hour" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT,
    "path" TEXT,
    "referrer" TEXT,
    "visitorHash" TEXT NOT NULL,
    "loadTimeMs" REAL,
    "props" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebEvent_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WebMetricHour" (
    "websiteId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "value" REAL NOT NULL,
    "denominator" REAL,
    "source" TEXT NOT NULL DEFAULT 'events',

    PRIMARY KEY ("websiteId", "metric", "hour"),
    CONSTRAINT "WebMetricHour_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Anomaly" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "providerId" INTEGER,
    "websiteId" TEXT,
    "metric" TEXT NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "peakAt" DATETIME NOT NULL,
    "actual" REAL NOT NULL,
    "expected" REAL NOT NULL,
    "expectedLower" REAL NOT NULL,
    "expectedUpper" REAL NOT NULL,
    "deviationPercent" REAL NOT NULL,
    "severity" TEXT NOT NULL,
    "direction" TEXT NOT NULL DEFAULT 'up',
    "score" REAL NOT NULL DEFAULT 0,
    "topServices" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'active',
    "isResolved" BOOLEAN NOT NULL DEFAULT false,
    "resolvedAt" DATETIME,
    "dismissReason" TEXT,
    "dismissedBy" TEXT,
    "dismissedAt" DATETIME,
    "detectedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Anomaly_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT '{}',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ImportRun_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportRun_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertDestination" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "email" TEXT,
    "secret" TEXT,
    "types" TEXT NOT NULL DEFAULT '',
    "minSeverity" TEXT NOT NULL DEFAULT 'info',
    "minImpact" REAL NOT NULL DEFAULT 0,
    "mode" TEXT NOT NULL DEFAULT 'immediate',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertDestination_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "destinationId" TEXT NOT NULL,
    "anomalyId" INTEGER,
    "event" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "responseStatus" INTEGER,
    "lastError" TEXT,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "AlertDelivery_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "AlertDestination" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertDelivery_anomalyId_fkey" FOREIGN KEY ("anomalyId") REFERENCES "Anomaly" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_orgId_userId_key" ON "Membership"("orgId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_orgId_idx" ON "ApiKey"("orgId");

-- CreateIndex
CREATE INDEX "Provider_orgId_idx" ON "Provider"("orgId");

-- CreateIndex
CREATE INDEX "CostEntry_providerId_day_idx" ON "CostEntry"("providerId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CostEntry_providerId_day_service_region_subAccount_usageType_chargeCategory_source_key" ON "CostEntry"("providerId", "day", "service", "region", "subAccount", "usageType", "chargeCategory", "source");

-- CreateIndex
CREATE INDEX "CostDaily_orgId_day_idx" ON "CostDaily"("orgId", "day");

-- CreateIndex
CREATE INDEX "CostDaily_providerId_day_idx" ON "CostDaily"("providerId", "day");

-- CreateIndex
CREATE INDEX "MetricDaily_orgId_day_idx" ON "MetricDaily"("orgId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Website_domain_key" ON "Website"("domain");

-- CreateIndex
CREATE INDEX "Website_orgId_idx" ON "Website"("orgId");

-- CreateIndex
CREATE INDEX "WebEvent_websiteId_hour_idx" ON "WebEvent"("websiteId", "hour");

-- CreateIndex
CREATE INDEX "WebMetricHour_websiteId_hour_idx" ON "WebMetricHour"("websiteId", "hour");

-- CreateIndex
CREATE UNIQUE INDEX "Anomaly_publicId_key" ON "Anomaly"("publicId");

-- CreateIndex
CREATE INDEX "Anomaly_orgId_type_day_idx" ON "Anomaly"("orgId", "type", "day");

-- CreateIndex
CREATE INDEX "Anomaly_orgId_status_day_idx" ON "Anomaly"("orgId", "status", "day");

-- CreateIndex
CREATE INDEX "Anomaly_websiteId_detectedAt_idx" ON "Anomaly"("websiteId", "detectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Anomaly_seriesKey_periodStart_key" ON "Anomaly"("seriesKey", "periodStart");

-- CreateIndex
CREATE INDEX "ImportRun_providerId_fileHash_idx" ON "ImportRun"("providerId", "fileHash");

-- CreateIndex
CREATE INDEX "AlertDestination_orgId_idx" ON "AlertDestination"("orgId");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_destinationId_createdAt_idx" ON "AlertDelivery"("destinationId", "createdAt");

