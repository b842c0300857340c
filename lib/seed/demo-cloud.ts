// Demo cloud spend and performance: 180 days up to yesterday, weekly pattern, growth,
// a monthly charge on the 1st, and injected incidents for the detector to find.
import { gaussian, seededRandom } from "./random";
import { addDays, dayStart } from "@/lib/time";

export interface ServiceProfile {
  service: string;
  base: number; // $/day at the start of the window
  weekend: number; // multiplier on Saturday and Sunday
  growth: number; // daily compound growth
  noise: number; // relative standard deviation
  region?: string;
  usageType?: string;
  monthlyCharge?: number; // extra spend on the 1st of each month
}

export interface Incident {
  service: string;
  /** Days before today (1 = yesterday) at which it starts. */
  startsDaysAgo: number;
  durationDays: number; // Infinity = a level shift that stays
  factor: number;
  note: string;
  dismissReason?: string;
}

export interface ProviderProfile {
  kind: "aws" | "gcp" | "azure" | "other";
  name: string;
  accountId: string;
  services: ServiceProfile[];
  incidents: Incident[];
  performance: Array<{ service: string; metric: string; base: number; noise: number; incidents: Incident[] }>;
}

export const ACME_PROVIDERS: ProviderProfile[] = [
  {
    kind: "aws",
    name: "AWS production",
    accountId: "123456789012",
    services: [
      { service: "Amazon EC2", base: 820, weekend: 0.82, growth: 0.0012, noise: 0.03, region: "us-east-1", usageType: "BoxUsage:m6i.xlarge" },
      { service: "Amazon RDS", base: 310, weekend: 0.97, growth: 0.0008, noise: 0.02, region: "us-east-1", usageType: "InstanceUsage:db.r6g.large" },
      { service: "Amazon S3", base: 118, weekend: 0.95, growth: 0.002, noise: 0.03, region: "us-east-1", usageType: "TimedStorage-ByteHrs" },
      { service: "AWS Lambda", base: 42, weekend: 0.7, growth: 0.001, noise: 0.06, region: "us-east-1", usageType: "Lambda-GB-Second" },
      { service: "Amazon CloudFront", base: 64, weekend: 0.78, growth: 0.0015, noise: 0.05, region: "global", usageType: "DataTransfer-Out-Bytes" },
      { service: "Amazon DynamoDB", base: 83, weekend: 0.8, growth: 0.001, noise: 0.04, region: "us-east-1", usageType: "ReadCapacityUnit-Hrs" },
      { service: "Amazon EKS", base: 146, weekend: 1, growth: 0, noise: 0.01, region: "us-east-1", usageType: "AmazonEKS-Hours:perCluster" },
      { service: "Amazon ElastiCache", base: 71, weekend: 1, growth: 0.0005, noise: 0.01, region: "us-east-1", usageType: "NodeUsage:cache.r6g.large" },
      { service: "Amazon CloudWatch", base: 26, weekend: 0.9, growth: 0.001, noise: 0.05, region: "us-east-1", usageType: "MetricMonitorUsage" },
      { service: "NAT Gateway", base: 47, weekend: 0.8, growth: 0.001, noise: 0.05, region: "us-east-1", usageType: "NatGateway-Bytes" },
      { service: "Amazon Route 53", base: 3.2, weekend: 1, growth: 0, noise: 0.04, region: "global", usageType: "DNS-Queries" },
      { service: "Amazon SQS", base: 8.5, weekend: 0.75, growth: 0.001, noise: 0.07, region: "us-east-1", usageType: "Requests-Tier1" },
      { service: "AWS Support (Business)", base: 0, weekend: 1, growth: 0, noise: 0, region: "global", usageType: "Support", monthlyCharge: 1450 },
    ],
    incidents: [
      { service: "Amazon EC2", startsDaysAgo: 20, durationDays: 1, factor: 2.4, note: "runaway autoscaling group" },
      { service: "AWS Lambda", startsDaysAgo: 9, durationDays: 4, factor: 9, note: "retry storm: Lambda runaway" },
      { service: "Amazon S3", startsDaysAgo: 70, durationDays: 1, factor: 6, note: "bulk copy", dismissReason: "Planned data migration to the new bucket layout" },
      { service: "NAT Gateway", startsDaysAgo: 3, durationDays: 2, factor: 7, note: "egress through NAT instead of the VPC endpoint" },
    ],
    performance: [
      { service: "Amazon RDS", metric: "p95_latency_ms", base: 38, noise: 0.06, incidents: [{ service: "Amazon RDS", startsDaysAgo: 12, durationDays: 2, factor: 4.5, note: "lock contention" }] },
      { service: "Amazon EC2", metric: "cpu_utilization", base: 46, noise: 0.05, incidents: [] },
      { service: "AWS Lambda", metric: "error_rate", base: 0.4, noise: 0.15, incidents: [{ service: "AWS Lambda", startsDaysAgo: 9, durationDays: 2, factor: 12, note: "retry storm errors" }] },
      { service: "Amazon CloudFront", metric: "p95_latency_ms", base: 85, noise: 0.05, incidents: [] },
    ],
  },
  {
    kind: "gcp",
    name: "GCP analytics",
    accountId: "acme-analytics-prod",
    services: [
      { service: "Compute Engine", base: 410, weekend: 0.85, growth: 0.001, noise: 0.03, region: "europe-west1", usageType: "N2 Instance Core" },
      { service: "BigQuery", base: 190, weekend: 0.55, growth: 0.002, noise: 0.08, region: "EU", usageType: "Analysis" },
      { service: "Cloud Storage", base: 75, weekend: 0.97, growth: 0.002, noise: 0.02, region: "EU", usageType: "Standard Storage" },
      { service: "Cloud SQL", base: 128, weekend: 1, growth: 0.0005, noise: 0.015, region: "europe-west1", usageType: "vCPU" },
      { service: "Kubernetes Engine", base: 96, weekend: 1, growth: 0, noise: 0.01, region: "europe-west1", usageType: "Cluster management fee" },
      { service: "Cloud Run", base: 34, weekend: 0.65, growth: 0.002, noise: 0.07, region: "europe-west1", usageType: "CPU Allocation Time" },
      { service: "Pub/Sub", base: 17, weekend: 0.8, growth: 0.001, noise: 0.06, region: "global", usageType: "Message Delivery Basic" },
      { service: "Cloud Logging", base: 22, weekend: 0.85, growth: 0.001, noise: 0.05, region: "global", usageType: "Log Volume" },
      { service: "Networking", base: 38, weekend: 0.8, growth: 0.001, noise: 0.05, region: "global", usageType: "Network Internet Egress" },
    ],
    incidents: [
      { service: "BigQuery", startsDaysAgo: 45, durationDays: 1, factor: 4.5, note: "full-table scans", dismissReason: "Quarterly analytics backfill (planned)" },
      { service: "Cloud Storage", startsDaysAgo: 5, durationDays: 1, factor: 5, note: "egress spike" },
      { service: "Compute Engine", startsDaysAgo: 100, durationDays: 1, factor: 2.2, note: "forgotten GPU test VM" },
    ],
    performance: [
      { service: "Cloud Run", metric: "error_rate", base: 0.6, noise: 0.12, incidents: [{ service: "Cloud Run", startsDaysAgo: 3, durationDays: 1, factor: 9, note: "bad deploy" }] },
      { service: "Cloud SQL", metric: "p95_latency_ms", base: 22, noise: 0.06, incidents: [] },
      { service: "Compute Engine", metric: "cpu_utilization", base: 52, noise: 0.05, incidents: [] },
    ],
  },
  {
    kind: "azure",
    name: "Azure EU",
    accountId: "8f1c2d3e-0000-4a5b-9c8d-acme00000001",
    services: [
      { service: "Virtual Machines", base: 360, weekend: 0.85, growth: 0.0008, noise: 0.03, region: "westeurope", usageType: "D4s v5" },
      { service: "Azure SQL Database", base: 150, weekend: 1, growth: 0.0004, noise: 0.015, region: "westeurope", usageType: "vCore" },
      { service: "Storage", base: 58, weekend: 0.97, growth: 0.002, noise: 0.03, region: "westeurope", usageType: "Hot LRS Data Stored" },
      { service: "Azure Kubernetes Service", base: 88, weekend: 1, growth: 0, noise: 0.01, region: "westeurope", usageType: "Uptime SLA" },
      { service: "Azure Functions", base: 19, weekend: 0.7, growth: 0.002, noise: 0.07, region: "westeurope", usageType: "Execution Time" },
      { service: "Bandwidth", base: 33, weekend: 0.8, growth: 0.001, noise: 0.05, region: "global", usageType: "Data Transfer Out" },
      { service: "Azure Monitor", base: 14, weekend: 0.9, growth: 0.001, noise: 0.05, region: "global", usageType: "Data Ingestion" },
      { service: "Azure Cache for Redis", base: 41, weekend: 1, growth: 0, noise: 0.01, region: "westeurope", usageType: "C2 Cache Instance" },
    ],
    incidents: [
      { service: "Virtual Machines", startsDaysAgo: 30, durationDays: Infinity, factor: 1.45, note: "new cluster: level shift" },
      { service: "Azure Functions", startsDaysAgo: 15, durationDays: 2, factor: 8, note: "infinite trigger loop" },
    ],
    performance: [
      { service: "Azure SQL Database", metric: "p95_latency_ms", base: 30, noise: 0.05, incidents: [{ service: "Azure SQL Database", startsDaysAgo: 25, durationDays: 1, factor: 3.5, note: "missing index" }] },
      { service: "Virtual Machines", metric: "cpu_utilization", base: 41, noise: 0.05, incidents: [] },
    ],
  },
];

export const HOBBY_PROVIDER: ProviderProfile = {
  kind: "aws",
  name: "Side project",
  accountId: "999988887777",
  services: [
    { service: "Amazon EC2", base: 14, weekend: 1, growth: 0, noise: 0.03, region: "eu-west-1", usageType: "BoxUsage:t3.medium" },
    { service: "Amazon S3", base: 2.1, weekend: 1, growth: 0.002, noise: 0.04, region: "eu-west-1", usageType: "TimedStorage-ByteHrs" },
    { service: "Amazon RDS", base: 9.5, weekend: 1, growth: 0, noise: 0.02, region: "eu-west-1", usageType: "InstanceUsage:db.t4g.small" },
    { service: "AWS Lambda", base: 0.4, weekend: 0.8, growth: 0, noise: 0.1, region: "eu-west-1", usageType: "Lambda-GB-Second" },
  ],
  incidents: [{ service: "Amazon EC2", startsDaysAgo: 8, durationDays: 1, factor: 4, note: "forgot a large instance running" }],
  performance: [],
};

function incidentFactor(incidents: Incident[], service: string, daysAgo: number): number {
  let factor = 1;
  for (const inc of incidents) {
    if (inc.service !== service) continue;
    if (daysAgo <= inc.startsDaysAgo && daysAgo > inc.startsDaysAgo - inc.durationDays) factor *= inc.factor;
  }
  return factor;
}

export interface GeneratedCost {
  day: string;
  service: string;
  region: string;
  usageType: string;
  amount: number;
}

interface DemoDay {
  day: string;
  /** Days before today (1 = yesterday). */
  ago: number;
  /** Days since the window started. */
  t: number;
  weekend: boolean;
  firstOfMonth: boolean;
}

/** The `days` days ending yesterday (relative to `today`), oldest first. */
function demoDays(today: string, days: number): DemoDay[] {
  return Array.from({ length: days }, (_, i) => {
    const ago = days - i;
    const day = addDays(today, -ago);
    const date = dayStart(day);
    return { day, ago, t: i, weekend: date.getUTCDay() === 0 || date.getUTCDay() === 6, firstOfMonth: date.getUTCDate() === 1 };
  });
}

/** Daily spend per service. */
export function generateCosts(profile: ProviderProfile, today: string, days: number, seed: number): GeneratedCost[] {
  const rand = seededRandom(seed);
  return demoDays(today, days).flatMap(({ day, ago, t, weekend, firstOfMonth }) =>
    profile.services.flatMap((s) => {
      let amount = s.base * Math.pow(1 + s.growth, t) * (weekend ? s.weekend : 1) * Math.exp(s.noise * gaussian(rand));
      amount *= incidentFactor(profile.incidents, s.service, ago);
      if (s.monthlyCharge && firstOfMonth) amount += s.monthlyCharge;
      return amount > 0 ? [{ day, service: s.service, region: s.region ?? "", usageType: s.usageType ?? "", amount: Math.round(amount * 100) / 100 }] : [];
    }),
  );
}

/** Daily performance metrics (CPU is lower at weekends; percentages are capped at 100). */
export function generatePerformance(profile: ProviderProfile, today: string, days: number, seed: number) {
  const rand = seededRandom(seed);
  return demoDays(today, days).flatMap(({ day, ago, weekend }) =>
    profile.performance.map((p) => {
      const load = p.metric === "cpu_utilization" && weekend ? 0.8 : 1;
      let value = p.base * load * Math.exp(p.noise * gaussian(rand)) * incidentFactor(p.incidents, p.service, ago);
      if (p.metric === "cpu_utilization" || p.metric === "error_rate") value = Math.min(100, value);
      return { day, service: p.service, metric: p.metric, value: Math.round(value * 1000) / 1000 };
    }),
  );
}
