"use client";
// The dismiss dialogs are closed when a page first renders (an alert's ?dismiss=1 link is the
// exception), so their code (the dialog, the reason form, suppression choices, the history list
// and the dismiss request) stays out of the page's own chunk. Server rendering stays on: the
// closed <dialog> is in the HTML, and a ?dismiss=1 link still opens it once it has hydrated.
import { lazyComponent } from "@/lib/client/lazy-component";

export const LazyDismissDialog = lazyComponent(() => import("./dismiss-dialog").then((m) => m.DismissDialog));

export const LazyDismissWebDialog = lazyComponent(() => import("./dismiss-web-dialog").then((m) => m.DismissWebDialog));
