// (Imported by client components only.) Websites resource for settings and the website pages.
import type { WebsiteJson } from "@/lib/web/schemas";
import { useCrudResource } from "./crud-resource";

export interface NewWebsite {
  domain: string;
  name?: string;
  timezone?: string;
}

export function useWebsites(initialData?: WebsiteJson[]) {
  return useCrudResource<WebsiteJson, string, NewWebsite>({ key: ["websites"], path: "/api/internal/websites", idOf: (website) => website.id }, initialData);
}
