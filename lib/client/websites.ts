// (Imported by client components only.) Websites resource for settings and the website pages.
import type { WebsiteJson } from "@/lib/web/schemas";
import type { createWebsiteEndpoint } from "@/lib/web/endpoints";
import type { BodyOf } from "@/lib/http/endpoint";
import { useCrudResource } from "./crud-resource";

export type NewWebsite = BodyOf<typeof createWebsiteEndpoint>;

export function useWebsites(initialData?: WebsiteJson[]) {
  return useCrudResource<WebsiteJson, string, NewWebsite>({ key: ["websites"], path: "/api/internal/websites", idOf: (website) => website.id }, initialData);
}
