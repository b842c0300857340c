"use client";
// Issue 12's first-load budget (≤ 150 KB gzip per page) with React Query kept: React Query is
// ~13 KB gzip (client, caches, observers), more than the pages that use it had to spare. A page's
// React Query part is therefore an island: the server renders it in full (the HTML is complete
// and painted before any script runs), and its code, React Query's with it, loads as a chunk of its
// own when hydration reaches it instead of among the page's first-load scripts; the navigation,
// links and the rest of the page hydrate without waiting for it. Every island mounts the tab's one
// QueryClient (query-provider.tsx), so the cache still survives client navigation between pages.
import { createElement, type ComponentType } from "react";
import { lazyComponent } from "./lazy-component";

export function queryIsland<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return lazyComponent(async () => {
    const [{ QueryProvider }, Component] = await Promise.all([import("./query-provider"), load()]);
    function WithQueryClient(props: P) {
      return createElement(QueryProvider, null, createElement(Component, props));
    }
    return WithQueryClient;
  });
}
