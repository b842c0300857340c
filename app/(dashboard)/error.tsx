"use client";
// A page that fails to render shows this inside the dashboard frame instead of a blank screen.
import { useEffect } from "react";
import { buttonPrimary } from "@/components/styles";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Try again; if it keeps happening, check the server log.
      </p>
      <button type="button" className={`${buttonPrimary} mt-4`} onClick={reset}>
        Try again
      </button>
    </div>
  );
}
