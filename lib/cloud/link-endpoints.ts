// Provider ↔ website links and unit costs (issue 14, "cost explained by traffic"), in the
// /api/v1 family. Re-exported by lib/cloud/endpoints.ts so the endpoint list includes them.
import { z } from "zod";
import { defineResource } from "@/lib/http/endpoint";
import { providerIdParams } from "./schemas";
import { linkBody, providerLink, unitCostDay, unitCostsQuery, unlinkBody, unlinkQuery } from "./link-schemas";

const providers = defineResource({ family: "cloudV1", path: "/api/v1/providers", params: providerIdParams, writeRole: "admin" });

export const listProviderLinksEndpoint = providers.get({
  at: "links",
  operationId: "listProviderLinks",
  summary: "List the websites linked to a provider",
  description: "Websites whose traffic drives this provider's spend (optionally only some of its services): the engine watches the unit cost per 1,000 visitors of each link.",
  response: { description: "The links", schema: z.object({ data: z.array(providerLink) }) },
});

export const linkWebsiteEndpoint = providers.action("links", {
  operationId: "linkProviderWebsite",
  summary: "Link a website to a provider (or replace the services of its link)",
  description: "`services` limits the link to some of the provider's services; without it the provider's whole usage spend is compared with the website's traffic. Linking the same website again replaces its services.",
  body: linkBody,
  response: { status: 201, description: "The link", schema: z.object({ data: providerLink }) },
});

export const unlinkWebsiteEndpoint = providers.remove({
  at: "links",
  operationId: "unlinkProviderWebsite",
  summary: "Remove a website's link to a provider",
  description: "The website is named by `website_id`, in the query string or in a JSON body. Anomalies raised through the link stay (they are history).",
  query: unlinkQuery,
  body: unlinkBody,
});

export const getUnitCostsEndpoint = providers.get({
  at: "unit-costs",
  operationId: "getProviderUnitCosts",
  summary: "Daily cost per 1,000 visitors of a linked website, with the expected band",
  description:
    "The last `days` days (default 30, at most 365), oldest first: the (linked services') usage spend, the website's visitors and pageviews (sums of the hourly figures), " +
    "the cost per 1,000 visitors and pageviews, and the engine's expected unit cost with its band. `website_id` may be omitted when the provider has one link.",
  query: unitCostsQuery,
  response: { description: "The days", schema: z.object({ data: z.array(unitCostDay) }) },
});
