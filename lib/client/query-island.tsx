"use client";
// Issue 12's first-load budget (≤ 150 KB gzip per page) with React Query kept: React Query is
// ~13 KB gzip (client, caches, observers), more than the pages that use it had to spare. A page's
// React Query part is therefore an island: the server renders it in full (the HTML is complete
// and painted before any script runs), and its code, React Query's with it, loads as a chunk of its
// own when hydration reaches it instead of among the page's first-load scripts. The cost is one
// request after those scripts before the page is interactive (no Suspense boundary is put around
// the island: on the server one would let the page stream after its first paint). Every island
// mounts the tab's one QueryClient (query-provider.tsx), so the cache still survives client
// navigation between pages.
import { createElement, useLayoutEffect, useRef, type ComponentType } from "react";
import { lazyComponent } from "./lazy-component";

export function queryIsland<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Island = lazyComponent(async () => {
    const [{ QueryProvider }, Component] = await Promise.all([import("./query-provider"), load()]);
    function WithQueryClient(props: P) {
      return createElement(QueryProvider, null, createElement(Component, props));
    }
    return WithQueryClient;
  });
  // Until the island's chunk has arrived and hydrated, its fields and buttons are disabled (a
  // disabled fieldset in the server's HTML): a choice made before then would not reach React's
  // state and would be lost. Enabled from a layout effect, so before the island's own effects run
  // (a dialog opened on arrival focuses its first field). min-w-0 undoes a fieldset's min-content
  // width, so wide tables still scroll.
  function QueryIsland(props: P) {
    const fieldset = useRef<HTMLFieldSetElement>(null);
    useLayoutEffect(() => {
      if (fieldset.current) fieldset.current.disabled = false;
    }, []);
    return createElement("fieldset", { ref: fieldset, disabled: true, role: "presentation", className: "min-w-0" }, createElement(Island, props));
  }
  return QueryIsland;
}
