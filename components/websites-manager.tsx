"use client";
import Link from "next/link";
import { useState } from "react";
import type { WebsiteJson } from "@/lib/web/schemas";
import { useWebsites } from "@/lib/client/websites";
import { NamedListManager } from "./named-list-manager";
import { AddItemCard } from "./ui/add-item-card";
import { Card } from "./ui/card";
import { TextField } from "./ui/field";

export function WebsitesManager({ initialData, canManage }: { initialData: WebsiteJson[]; canManage: boolean }) {
  const { list, create, update, remove } = useWebsites(initialData);
  const [domain, setDomain] = useState("");
  const [name, setName] = useState("");
  const [timezone, setTimezone] = useState("UTC");

  function onCreate() {
    const input = { domain: domain.trim(), ...(name.trim() ? { name: name.trim() } : {}), timezone: timezone.trim() || "UTC" };
    create.mutate(input, {
      onSuccess: () => {
        setDomain("");
        setName("");
      },
    });
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <AddItemCard
          headingId="add-website-heading"
          title="Add a website"
          formClassName="grid gap-3 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end"
          onSubmit={onCreate}
          mutation={create}
          submitLabel="Add website"
          pendingLabel="Adding…"
          canSubmit={domain.trim() !== ""}
        >
          <TextField label="Domain" value={domain} onChange={(e) => setDomain(e.target.value)} required maxLength={253} placeholder="shop.example.com" />
          <TextField label="Name" optional value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <TextField label="Time zone" value={timezone} onChange={(e) => setTimezone(e.target.value)} maxLength={64} placeholder="Europe/Berlin" />
        </AddItemCard>
      ) : null}
      <Card headingId="websites-heading" title="Websites" flush>
        <NamedListManager
          noun="website"
          items={(list.data ?? []).map((w) => ({
            id: w.id,
            name: w.name,
            detail: (
              <>
                {w.domain} · {w.timezone} ·{" "}
                <Link href={`/websites/${w.id}`} className="text-indigo-700 underline">
                  anomalies and tracking snippet
                </Link>
              </>
            ),
          }))}
          canManage={canManage}
          rename={update}
          remove={remove}
          removeWarning="Its events, hourly metrics and anomalies are deleted too."
          emptyTitle="No websites yet"
          emptyHint={canManage ? "Add one above, then paste its tracking snippet into your pages." : "Ask an admin to add one."}
        />
      </Card>
    </div>
  );
}
