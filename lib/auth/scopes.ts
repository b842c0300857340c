// API key scopes (issue 15): read < write < admin, each including the ones before it.
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/vocabulary";

export function scopeAllows(granted: ApiKeyScope, needed: ApiKeyScope): boolean {
  return API_KEY_SCOPES.indexOf(granted) >= API_KEY_SCOPES.indexOf(needed);
}
