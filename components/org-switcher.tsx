"use client";
// The header's organization switcher, shown when the user belongs to more than one: the
// session moves to the chosen organization (membership re-checked on the server), then the
// page reloads so every server component renders for it.
import { useId, useState } from "react";
import { switchOrganization } from "@/lib/client/session";
import { errorMessage } from "@/lib/client/api";
import { selectClass } from "./styles";

export interface SwitchableOrg {
  id: string;
  slug: string;
  name: string;
}

export function OrgSwitcher({ current, organizations }: { current: string; organizations: SwitchableOrg[] }) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (organizations.length < 2) return null;
  async function choose(orgId: string) {
    setPending(true);
    setError(null);
    try {
      await switchOrganization(orgId);
      // A full navigation so every server component renders for the new organization.
      window.location.assign(window.location.origin);
    } catch (failure) {
      setError(errorMessage(failure));
      setPending(false);
    }
  }
  return (
    <div className="flex items-center gap-1">
      <label htmlFor={id} className="sr-only">
        Organization
      </label>
      <select id={id} className={`${selectClass} py-1 text-xs`} value={current} disabled={pending} onChange={(event) => void choose(event.target.value)} data-testid="org-switcher">
        {organizations.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name} ({org.slug})
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
