// The dashboard's organization settings routes (API keys, plan and credits): one
// definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint } from "@/lib/http/endpoint";
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
