"use client";
// The dismiss dialogs are closed when a page first renders (an alert's ?dismiss=1 link is the
// exception), so their code (the dialog, the reason form, suppression choices, the history list
// and the dismiss request) stays out of the page's first-load scripts. Server rendering stays on:
// the closed <dialog> is in the HTML and next/dynamic preloads the chunk there, so the dialog is
// ready by hydration, as before, and a ?dismiss=1 link still opens it at once.
import dynamic from "next/dynamic";

export const LazyDismissDialog = dynamic(() => import("./dismiss-dialog").then((m) => m.DismissDialog));

export const LazyDismissWebDialog = dynamic(() => import("./dismiss-web-dialog").then((m) => m.DismissWebDialog));
