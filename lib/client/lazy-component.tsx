"use client";
// Code that loads as a chunk of its own when it first renders (React.lazy), server-rendered like
// the rest of the page. The React Query islands (query-island.tsx) use this rather than
// next/dynamic for what they load lazily themselves: for a next/dynamic import made from inside a
// lazily loaded chunk, Next 16's build writes preload links to chunk files it never emits (404s in
// the console on every visit). Without next/dynamic's preload the chunk is requested when the
// island hydrates, which is also when the island's own chunk has just arrived.
import { createElement, lazy, Suspense, type ComponentType, type ReactNode } from "react";

/**
 * `fallback`: shown by a Suspense boundary of its own while the chunk loads (a skeleton of the
 * final size); without it the component suspends to the caller's boundary, and the server renders
 * it in place, so its HTML is in the page either way.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback?: ReactNode): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  // A plain component around the lazy one: a server page that renders it hands it to the browser
  // through React's server-component payload, which makes client components lazy itself, and
  // React refuses a lazy component that resolves to another lazy one.
  function LazyComponent(props: P) {
    const element = createElement(Lazy, props);
    return fallback === undefined ? element : createElement(Suspense, { fallback }, element);
  }
  return LazyComponent;
}
