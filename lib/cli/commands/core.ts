// Foundation commands: database, demo data, detection, organizations, users, keys, providers.
import { args, CliError, info, printJson, promptPassword, requireOption, type Command } from "../io";
import { db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { runDetection } from "@/lib/jobs/run-detection";
import { issueApiKey, revokeApiKeyByPrefix } from "@/lib/org/api-keys";
import { hashPassword } from "@/lib/auth/passwords";
import { createProvider, listProviders } from "@/lib/cloud/providers";
import { findOrgBySlug, createOrganization } from "@/lib/org/organizations";
import { isOneOf, PLANS, PROVIDER_KINDS } from "@/lib/vocabulary";
import { seedDemo, printDemoCredentials } from "@/lib/seed/demo";
import { keyOptions } from "./team";

async function orgFromOption(slug: string | undefined) {
  const org = await findOrgBySlug(requireOption(slug, "org"));
  if (!org) throw new CliError(`no organization with slug '${slug}'`);
  return org;
}

/** `--now <ISO>`: the run's clock (tests and backfills judge "today" at a chosen instant). */
function parseNow(raw: string | undefined): Date | undefined {
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(at.getTime())) throw new CliError(`--now must be an ISO date or date-time, got "${raw}"`);
  return at;
}

const ROLES = ["admin", "analyst"];

export const coreCommands: Record<string, Command> = {
  "db migrate": {
    summary: "apply database migrations (SQLite file or DATABASE_URL)",
    async run() {
      await migrateDatabase();
      info("database is up to date");
    },
  },
  seed: {
    summary: "seed --demo: load the demo organizations, users, key and data (idempotent)",
    async run(argv) {
      const { flags, json } = args(argv, { demo: { type: "boolean" }, quiet: { type: "boolean" } });
      if (!flags("demo")) throw new CliError("only `seed --demo` is supported");
      const result = await seedDemo();
      if (json) printJson(result);
      else printDemoCredentials(result);
    },
  },
  "seed-status": {
    summary: "print 'empty' when the database has no organization yet (used by npm start)",
    async run() {
      process.stdout.write((await db().organization.count()) === 0 ? "empty\n" : "seeded\n");
    },
  },
  detect: {
    summary: "run anomaly detection once over every organization: [--wait s] [--now ISO] [--rebuild] (--rebuild: judge every series from its first day)",
    async run(argv) {
      const { values, flags, json } = args(argv, { wait: { type: "string" }, now: { type: "string" }, rebuild: { type: "boolean" } });
      const summary = await runDetection({ waitForLockMs: Number(values.wait ?? 120) * 1000, now: parseNow(values.now), rebuild: flags("rebuild") });
      if (json) printJson(summary);
      else info(`detection ${summary.status}: ${summary.series} series, ${summary.created} created, ${summary.updated} updated, ${summary.removed} withdrawn in ${summary.durationMs} ms`);
      if (summary.status === "failed") throw new CliError(summary.error ?? "detection failed");
      if (summary.status === "skipped") throw new CliError("another detection run holds the lock; try again later", 2);
    },
  },
  "orgs create": {
    summary: "create an organization: --slug s --name n [--plan free|pro|business]",
    async run(argv) {
      const { values, json } = args(argv, { slug: { type: "string" }, name: { type: "string" }, plan: { type: "string" } });
      const slug = requireOption(values.slug, "slug");
      const plan = values.plan ?? "free";
      if (!isOneOf(PLANS, plan)) throw new CliError(`--plan must be one of ${PLANS.join(", ")}`);
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new CliError("--slug must be lowercase letters, digits and dashes");
      if (await findOrgBySlug(slug)) throw new CliError(`organization '${slug}' already exists`);
      const org = await createOrganization({ slug, name: values.name ?? slug, plan });
      if (json) printJson(org);
      else info(`created organization ${org.slug} (${org.plan})`);
    },
  },
  "keys create": {
    summary: "create an API key: --org slug [--name label] [--scope read|write|admin] [--expires ISO] [--json]",
    async run(argv) {
      const { values, json } = args(argv, { org: { type: "string" }, name: { type: "string" }, scope: { type: "string" }, expires: { type: "string" } });
      const org = await orgFromOption(values.org);
      // Issued like the dashboard does, so the audit log records it (actor "cli").
      const { key, api_key: record } = await issueApiKey(org, { name: values.name ?? "cli", ...keyOptions(values.scope, values.expires) }, "cli");
      if (json) printJson({ key, org: org.slug });
      else {
        info(`API key for ${org.slug} (prefix ${record.prefix}); it is shown only once:`);
        process.stdout.write(`${key}\n`);
      }
    },
  },
  "keys revoke": {
    summary: "revoke an API key by its prefix: keys revoke <prefix>",
    async run(argv) {
      const { json, positionals } = args(argv, {});
      const prefix = positionals[0];
      if (!prefix) throw new CliError("usage: bandwatch keys revoke <prefix>");
      if (!(await revokeApiKeyByPrefix(prefix, "cli"))) throw new CliError(`no active key with prefix '${prefix}'`);
      if (json) printJson({ revoked: prefix });
      else info(`revoked ${prefix}`);
    },
  },
  "users create": {
    summary: "create a user (refuses an existing e-mail): --org slug --email e --role admin|analyst [--password p]",
    async run(argv) {
      const { values, json } = args(argv, { org: { type: "string" }, email: { type: "string" }, role: { type: "string" }, password: { type: "string" }, name: { type: "string" } });
      const org = await orgFromOption(values.org);
      const email = requireOption(values.email, "email").toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new CliError("--email is not an email address");
      const role = requireOption(values.role, "role");
      if (!ROLES.includes(role)) throw new CliError("--role must be admin or analyst");
      const password = values.password ?? (await promptPassword());
      if (password.length < 8) throw new CliError("password must be at least 8 characters");
      // Never a silent password reset: that is `users set-password`; another organization is `orgs add-member`.
      if (await db().user.findUnique({ where: { email }, select: { id: true } })) {
        throw new CliError(`a user with e-mail ${email} already exists; use \`bandwatch users set-password --email ${email}\` to reset the password or \`bandwatch orgs add-member ${org.slug} --email ${email} --role ${role}\` to add them to this organization`);
      }
      const passwordHash = await hashPassword(password);
      const user = await db().user.create({ data: { email, passwordHash, name: values.name ?? null } });
      await db().membership.create({ data: { orgId: org.id, userId: user.id, role } });
      if (json) printJson({ id: user.id, email, org: org.slug, role });
      else info(`user ${email} is ${role} of ${org.slug}`);
    },
  },
  "providers create": {
    summary: "create a provider: --org slug --kind aws|gcp|azure|other --name n [--account-id a] [--json]",
    async run(argv) {
      const { values, json } = args(argv, { org: { type: "string" }, kind: { type: "string" }, name: { type: "string" }, "account-id": { type: "string" }, currency: { type: "string" } });
      const org = await orgFromOption(values.org);
      const kind = requireOption(values.kind, "kind");
      if (!isOneOf(PROVIDER_KINDS, kind)) throw new CliError(`--kind must be one of ${PROVIDER_KINDS.join(", ")}`);
      const provider = await createProvider(org, {
        kind,
        name: requireOption(values.name, "name"),
        accountId: values["account-id"] ?? null,
        currency: values.currency,
      });
      if (json) printJson(provider);
      else info(`created provider ${provider.id} (${provider.kind} ${provider.name})`);
    },
  },
  "providers list": {
    summary: "list providers: --org slug [--json]",
    async run(argv) {
      const { values, json } = args(argv, { org: { type: "string" } });
      const org = await orgFromOption(values.org);
      const providers = await listProviders(org);
      if (json) printJson(providers);
      else for (const p of providers) process.stdout.write(`${p.id}\t${p.kind}\t${p.name}\n`);
    },
  },
};
