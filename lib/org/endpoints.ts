// The dashboard's organization settings routes (API keys, plan and credits): one
// definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint } from "@/lib/http/endpoint";
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

export const listApiKeysEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/api-keys",
  operationId: "listApiKeys",
  summary: "List the organization's API keys (active first)",
  response: { description: "The keys, by prefix", schema: apiKeysResponse },
});

export const createApiKeyEndpoint = defineEndpoint({
  family: "internal",
  method: "POST",
  path: "/api/internal/api-keys",
  operationId: "createApiKey",
  summary: "Create an API key (its secret is returned once)",
  role: "admin",
  body: createApiKeyBody,
  response: { status: 201, description: "The key and its secret", schema: issuedApiKeyResponse },
});

export const revokeApiKeyEndpoint = defineEndpoint({
  family: "internal",
  method: "DELETE",
  path: "/api/internal/api-keys/{id}",
  operationId: "revokeApiKey",
  summary: "Revoke an API key",
  role: "admin",
  params: apiKeyIdParams,
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

export const listMembersEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/members",
  operationId: "listMembers",
  summary: "The organization's members with role and last sign-in",
  role: "admin",
  response: { description: "The members", schema: membersResponse },
});

export const changeMemberRoleEndpoint = defineEndpoint({
  family: "internal",
  method: "PATCH",
  path: "/api/internal/members/{id}",
  operationId: "changeMemberRole",
  summary: "Change a member's role (the last admin cannot be demoted: 409 last_admin)",
  role: "admin",
  params: memberIdParams,
  body: changeRoleBody,
  response: { description: "The member", schema: memberResponse },
  responses: { 409: { description: "The organization's last admin (code last_admin)" } },
});

export const removeMemberEndpoint = defineEndpoint({
  family: "internal",
  method: "DELETE",
  path: "/api/internal/members/{id}",
  operationId: "removeMember",
  summary: "Remove a member (the last admin cannot be removed: 409 last_admin)",
  role: "admin",
  params: memberIdParams,
  response: { description: "The removed member", schema: memberResponse },
  responses: { 409: { description: "The organization's last admin (code last_admin)" } },
});

export const listInvitationsEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/invitations",
  operationId: "listInvitations",
  summary: "The organization's invitations (newest 100, every status)",
  role: "admin",
  response: { description: "The invitations", schema: invitationsResponse },
});

export const inviteMemberEndpoint = defineEndpoint({
  family: "internal",
  method: "POST",
  path: "/api/internal/invitations",
  operationId: "inviteMember",
  summary: "Invite by e-mail: a single-use link valid for 72 hours (returned once; e-mailed when SMTP is configured)",
  role: "admin",
  body: inviteBody,
  response: { status: 201, description: "The invitation and its link", schema: issuedInvitationResponse },
  responses: { 409: { description: "Already a member (code conflict)" } },
});

export const revokeInvitationEndpoint = defineEndpoint({
  family: "internal",
  method: "DELETE",
  path: "/api/internal/invitations/{id}",
  operationId: "revokeInvitation",
  summary: "Revoke a pending invitation",
  role: "admin",
  params: invitationIdParams,
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
