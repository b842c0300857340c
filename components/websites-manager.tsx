"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import type { WebsiteJson } from "@/lib/web/schemas";
import { useWebsites } from "@/lib/client/websites";
import { errorMessage } from "@/lib/client/api";
import { InlineError } from "./feedback";
import { NamedListManager } from "./named-list-manager";
import { buttonPrimary, cardClass, inputClass, labelClass } from "./styles";

export function WebsitesManager({ initialData, canManage }: { initialData: WebsiteJson[]; canManage: boolean }) {
  const { list, create, rename, remove } = useWebsites(initialData);
  const [domain, setDomain] = useState("");
  const [name, setName] = useState("");
  const [timezone, setTimezone] = useState("UTC");
  const ids = { domain: useId(), name: useId(), timezone: useId() };

  function onCreate(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { domain: domain.trim(), ...(name.trim() ? { name: name.trim() } : {}), timezone: timezone.trim() || "UTC" },
      {
        onSuccess: () => {
          setDomain("");
          setName("");
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      {canManage ? (
        <section className={`${cardClass} p-4`} aria-labelledby="add-website-heading">
          <h2 id="add-website-heading" className="mb-3 font-semibold">
            Add a website
          </h2>
          <form onSubmit={onCreate} className="grid gap-3 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end">
            <div>
              <label htmlFor={ids.domain} className={labelClass}>
                Domain
              </label>
              <input id={ids.domain} value={domain} onChange={(e) => setDomain(e.target.value)} required maxLength={253} placeholder="shop.example.com" className={inputClass} />
            </div>
            <div>
              <label htmlFor={ids.name} className={labelClass}>
                Name <span className="font-normal text-slate-500">(optional)</span>
              </label>
              <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={inputClass} />
            </div>
            <div>
              <label htmlFor={ids.timezone} className={labelClass}>
                Time zone
              </label>
              <input id={ids.timezone} value={timezone} onChange={(e) => setTimezone(e.target.value)} maxLength={64} placeholder="Europe/Berlin" className={inputClass} />
            </div>
            <button type="submit" className={buttonPrimary} disabled={create.isPending || !domain.trim()}>
              {create.isPending ? "Adding…" : "Add website"}
            </button>
          </form>
          {create.isError ? (
            <div className="mt-3">
              <InlineError>{errorMessage(create.error)}</InlineError>
            </div>
          ) : null}
        </section>
      ) : null}
      <section className={cardClass} aria-labelledby="websites-heading">
        <h2 id="websites-heading" className="border-b border-slate-200 px-4 py-3 font-semibold">
          Websites
        </h2>
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
          rename={rename}
          remove={remove}
          removeWarning="Its events, hourly metrics and anomalies are deleted too."
          emptyTitle="No websites yet"
          emptyHint={canManage ? "Add one above, then paste its tracking snippet into your pages." : "Ask an admin to add one."}
        />
      </section>
    </div>
  );
}
