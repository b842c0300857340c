// Team administration from the command line: password resets, plans, adding an existing
// user to another organization, and the scope and expiry of keys made with `keys create`.
import { args, CliError, info, printJson, promptPassword, requireOption, type Command } from "../io";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";
import { forgetApiKeys } from "@/lib/auth/api-keys";
import { recordAudit } from "@/lib/org/audit";
import { findOrgBySlug } from "@/lib/org/organizations";
import { checkKeyExpiry } from "@/lib/org/api-keys";
import { HttpError } from "@/lib/http/errors";
import { API_KEY_SCOPES, isOneOf, PLANS, type ApiKeyScope } from "@/lib/vocabulary";

const ROLES = ["admin", "analyst"];

/** `--scope` and `--expires` of `keys create`; without them a key is admin and never expires (as before scopes). */
export function keyOptions(scope: string | undefined, expires: string | undefined): { scope: ApiKeyScope; expiresAt: Date | null } {
  const chosen = scope ?? "admin";
  if (!isOneOf(API_KEY_SCOPES, chosen)) throw new CliError(`--scope must be one of ${API_KEY_SCOPES.join(", ")}`);
  if (expires === undefined) return { scope: chosen, expiresAt: null };
  const expiresAt = new Date(expires);
  if (!/^\d{4}-\d{2}-\d{2}/.test(expires) || Number.isNaN(expiresAt.getTime())) throw new CliError(`--expires must be an ISO date or date-time, got "${expires}"`);
  try {
    checkKeyExpiry(expiresAt);
  } catch (error) {
    throw new CliError(error instanceof HttpError ? `--expires ${error.message.replace(/^.*: /, "")}` : String(error));
  }
  return { scope: chosen, expiresAt };
}

async function orgBySlug(slug: string | undefined) {
  const org = await findOrgBySlug(requireOption(slug, "org"));
  if (!org) throw new CliError(`no organization with slug '${slug}'`);
  return org;
}

export const teamCommands: Record<string, Command> = {
  "users set-password": {
    summary: "reset a user's password: --email e [--password p] (else read from standard input)",
    async run(argv) {
      const { values, json } = args(argv, { email: { type: "string" }, password: { type: "string" } });
      const email = requireOption(values.email, "email").trim().toLowerCase();
      const user = await db().user.findUnique({ where: { email }, select: { id: true } });
      if (!user) throw new CliError(`no user with e-mail ${email}`);
      const password = values.password ?? (await promptPassword());
      if (password.length < 8) throw new CliError("password must be at least 8 characters");
      await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
      if (json) printJson({ email, password_reset: true });
      else info(`password of ${email} reset`);
    },
  },
  "orgs set-plan": {
    summary: "change an organization's plan: orgs set-plan <slug> free|pro|business",
    async run(argv) {
      const { json, positionals } = args(argv, {});
      const [slug, plan] = positionals;
      if (!slug || !plan) throw new CliError("usage: bandwatch orgs set-plan <slug> free|pro|business");
      if (!isOneOf(PLANS, plan)) throw new CliError(`plan must be one of ${PLANS.join(", ")}`);
      const org = await orgBySlug(slug);
      if (org.plan !== plan) {
        await db().organization.update({ where: { id: org.id }, data: { plan } });
        // The plan travels with cached API-key principals (credit allowance, plan gates).
        forgetApiKeys((principal) => principal.org.id === org.id);
        await recordAudit({ orgId: org.id, actor: "cli", action: "organization.plan_change", targetType: "organization", targetId: org.slug, details: { from: org.plan, to: plan } });
      }
      if (json) printJson({ org: org.slug, plan, previous_plan: org.plan });
      else info(org.plan === plan ? `${org.slug} is already on ${plan}` : `${org.slug}: ${org.plan} → ${plan}`);
    },
  },
  "orgs add-member": {
    summary: "add an existing user to an organization: orgs add-member <slug> --email e --role admin|analyst",
    async run(argv) {
      const { values, json, positionals } = args(argv, { email: { type: "string" }, role: { type: "string" } });
      const org = await orgBySlug(positionals[0]);
      const email = requireOption(values.email, "email").trim().toLowerCase();
      const role = requireOption(values.role, "role");
      if (!ROLES.includes(role)) throw new CliError("--role must be admin or analyst");
      const user = await db().user.findUnique({ where: { email }, select: { id: true } });
      if (!user) throw new CliError(`no user with e-mail ${email}; create one with \`bandwatch users create\``);
      if (await db().membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } })) throw new CliError(`${email} is already a member of ${org.slug}`);
      await db().membership.create({ data: { orgId: org.id, userId: user.id, role } });
      await recordAudit({ orgId: org.id, actor: "cli", action: "member.join", targetType: "member", targetId: email, details: { role } });
      if (json) printJson({ email, org: org.slug, role });
      else info(`${email} is ${role} of ${org.slug}`);
    },
  },
};
