"use client";
// Issue 13: each provider's monthly budget (in its currency), which the forecast on the
// overview is compared with and which alert destinations can watch. Admins edit it.
import { useState, type FormEvent } from "react";
import type { ProviderJson } from "@/lib/cloud/providers";
import { useProviders } from "@/lib/client/providers";
import { errorMessage } from "@/lib/client/api";
import { InlineError } from "./feedback";
import { formatMoney } from "./format";
import { buttonSmall, inputClass } from "./styles";
import { Card } from "./ui/card";

function BudgetRow({ provider, update }: { provider: ProviderJson; update: ReturnType<typeof useProviders>["update"] }) {
  const [value, setValue] = useState(provider.budget === null ? "" : String(provider.budget));
  function submit(event: FormEvent) {
    event.preventDefault();
    const budget = value.trim() === "" ? null : Number(value);
    update.mutate({ id: provider.id, changes: { budget } });
  }
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
      <span className="font-medium">
        {provider.name} <span className="text-xs text-slate-600">({provider.budget === null ? "no budget" : `${formatMoney(provider.budget, provider.currency)} a month`})</span>
      </span>
      <form onSubmit={submit} className="flex items-center gap-2">
        <label htmlFor={`budget-${provider.id}`} className="sr-only">
          Monthly budget for {provider.name} ({provider.currency})
        </label>
        <input
          id={`budget-${provider.id}`}
          type="number"
          min={0}
          step="any"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={`Budget (${provider.currency})`}
          className={`${inputClass} w-40`}
        />
        <button type="submit" className={buttonSmall} disabled={update.isPending}>
          Save budget
        </button>
      </form>
    </li>
  );
}

export function ProviderBudgets({ providers, update, canManage }: { providers: ProviderJson[]; update: ReturnType<typeof useProviders>["update"]; canManage: boolean }) {
  if (!canManage || providers.length === 0) return null;
  return (
    <Card headingId="budgets-heading" title="Monthly budgets" flush>
      <ul className="divide-y divide-slate-200">
        {providers.map((p) => (
          <BudgetRow key={`${p.id}-${p.budget}`} provider={p} update={update} />
        ))}
      </ul>
      {update.isError ? <InlineError>{errorMessage(update.error)}</InlineError> : null}
    </Card>
  );
}
