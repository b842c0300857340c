// The dashboard's organization settings routes (API keys, plan and credits): one
// definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint, defineResource } from "@/lib/http/endpoint";
import { auditLogQuery, auditLogResponse } from "./audit-schemas";
import {
  acceptInvitationBody,
  acceptedInvitationResponse,
  changeRoleBody,
  invitationIdParams,
  invitationResponse,
  invitationsResponse,
  inviteBody,
  issuedInvitationResponse,
  memberIdParams,
  memberResponse,
  membersResponse,
  userOrganizationsResponse,
} from "./member-schemas";
import { apiKeyIdParams, apiKeyResponse, apiKeysResponse, createApiKeyBody, issuedApiKeyResponse, organizationResponse } from "./schemas";

const apiKeys = defineResource({ family: "internal", path: "/api/internal/api-keys", params: apiKeyIdParams, writeRole: "admin" });

export const listApiKeysEndpoint = apiKeys.list({
  operationId: "listApiKeys",
  summary: "List the organization's API keys (active first)",
  response: { description: "The keys, by prefix", schema: apiKeysResponse },
});

export const createApiKeyEndpoint = apiKeys.create({
  operationId: "createApiKey",
  summary: "Create an API key (its secret is returned once)",
  body: createApiKeyBody,
  response: { description: "The key and its secret", schema: issuedApiKeyResponse },
});

export const revokeApiKeyEndpoint = apiKeys.remove({
  operationId: "revokeApiKey",
  summary: "Revoke an API key",
  response: { description: "The revoked key", schema: apiKeyResponse },
});

export const getOrganizationEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/organization",
  operationId: "getOrganization",
  summary: "The organization's plan and remaining API credits",
  response: { description: "The organization", schema: organizationResponse },
});

// ---------- team administration (issue 15): audit log, members, invitations, organizations ----------

export const listAuditLogEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/audit-log",
  operationId: "listAuditLog",
  summary: "The organization's audit log, newest first (admin API keys or admin users)",
  description:
    "Who dismissed, reopened or gave feedback on anomalies, created or revoked API keys, invited, changed or removed members, changed the plan, settings, destinations or rules. Pages of `limit` entries; pass `next_cursor` as `cursor` for the next page (null on the last). Entries are kept BANDWATCH_AUDIT_RETENTION_DAYS (400) days.",
  tag: "Administration",
  role: "admin",
  scope: "admin",
  query: auditLogQuery,
  response: { description: "One page of entries", schema: auditLogResponse },
});

const members = defineResource({ family: "internal", path: "/api/internal/members", params: memberIdParams, writeRole: "admin" });
const LAST_ADMIN = { 409: { description: "The organization's last admin (code last_admin)" } };

export const listMembersEndpoint = members.list({
  operationId: "listMembers",
  summary: "The organization's members with role and last sign-in",
  role: "admin",
  response: { description: "The members", schema: membersResponse },
});

export const changeMemberRoleEndpoint = members.update({
  operationId: "changeMemberRole",
  summary: "Change a member's role (the last admin cannot be demoted: 409 last_admin)",
  body: changeRoleBody,
  response: { description: "The member", schema: memberResponse },
  responses: LAST_ADMIN,
});

export const removeMemberEndpoint = members.remove({
  operationId: "removeMember",
  summary: "Remove a member (the last admin cannot be removed: 409 last_admin)",
  response: { description: "The removed member", schema: memberResponse },
  responses: LAST_ADMIN,
});

const invitations = defineResource({ family: "internal", path: "/api/internal/invitations", params: invitationIdParams, writeRole: "admin" });

export const listInvitationsEndpoint = invitations.list({
  operationId: "listInvitations",
  summary: "The organization's invitations (newest 100, every status)",
  role: "admin",
  response: { description: "The invitations", schema: invitationsResponse },
});

export const inviteMemberEndpoint = invitations.create({
  operationId: "inviteMember",
  summary: "Invite by e-mail: a single-use link valid for 72 hours (returned once; e-mailed when SMTP is configured)",
  body: inviteBody,
  response: { description: "The invitation and its link", schema: issuedInvitationResponse },
  responses: { 409: { description: "Already a member (code conflict)" } },
});

export const revokeInvitationEndpoint = invitations.remove({
  operationId: "revokeInvitation",
  summary: "Revoke a pending invitation",
  response: { description: "The invitation", schema: invitationResponse },
});

export const acceptInvitationEndpoint = defineEndpoint({
  family: "invitation",
  method: "POST",
  path: "/api/invitations/accept",
  operationId: "acceptInvitation",
  summary: "Accept an invitation: a new address sets its password; an existing account must be signed in",
  body: acceptInvitationBody,
  response: { description: "The organization joined", schema: acceptedInvitationResponse },
  responses: { 409: { description: "An account for the address exists and is not the one signed in (code conflict)" } },
});

export const listMyOrganizationsEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/me/organizations",
  operationId: "listMyOrganizations",
  summary: "The organizations the signed-in user belongs to (the header's switcher)",
  response: { description: "The organizations", schema: userOrganizationsResponse },
});
