// Provider ↔ website links and unit costs (issue 14, "cost explained by traffic"), in the
// /api/v1 family. Re-exported by lib/cloud/endpoints.ts so the endpoint list includes them.
import { z } from "zod";
import { defineEndpoint } from "@/lib/http/endpoint";
import { anomalyIdParams } from "./schemas";
import { linkBody, providerLink, unitCostDay, unitCostsQuery, unlinkBody, unlinkQuery } from "./link-schemas";

// Same integer-id rule as anomalies: "abc" or "0" is a 400, not a 404.
const providerIdParams = anomalyIdParams;

export const listProviderLinksEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/providers/{id}/links",
  operationId: "listProviderLinks",
  summary: "List the websites linked to a provider",
  description: "Websites whose traffic drives this provider's spend (optionally only some of its services): the engine watches the unit cost per 1,000 visitors of each link.",
  params: providerIdParams,
  response: { description: "The links", schema: z.object({ data: z.array(providerLink) }) },
});

export const linkWebsiteEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "POST",
  path: "/api/v1/providers/{id}/links",
  operationId: "linkProviderWebsite",
  summary: "Link a website to a provider (or replace the services of its link)",
  description: "`services` limits the link to some of the provider's services; without it the provider's whole usage spend is compared with the website's traffic. Linking the same website again replaces its services.",
  role: "admin",
  params: providerIdParams,
  body: linkBody,
  response: { status: 201, description: "The link", schema: z.object({ data: providerLink }) },
});

export const unlinkWebsiteEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "DELETE",
  path: "/api/v1/providers/{id}/links",
  operationId: "unlinkProviderWebsite",
  summary: "Remove a website's link to a provider",
  description: "The website is named by `website_id`, in the query string or in a JSON body. Anomalies raised through the link stay (they are history).",
  role: "admin",
  params: providerIdParams,
  query: unlinkQuery,
  body: unlinkBody,
  response: { status: 204, description: "Removed" },
});

export const getUnitCostsEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/providers/{id}/unit-costs",
  operationId: "getProviderUnitCosts",
  summary: "Daily cost per 1,000 visitors of a linked website, with the expected band",
  description:
    "The last `days` days (default 30, at most 365), oldest first: the (linked services') usage spend, the website's visitors and pageviews (sums of the hourly figures), " +
    "the cost per 1,000 visitors and pageviews, and the engine's expected unit cost with its band. `website_id` may be omitted when the provider has one link.",
  params: providerIdParams,
  query: unitCostsQuery,
  response: { description: "The days", schema: z.object({ data: z.array(unitCostDay) }) },
});
