"use client";
// The "Add a …" card of the settings pages: a heading, the form's fields, one submit
// button that says what it is doing, the server's refusal inline, and room below for
// what the creation reveals once (a new key, a signing secret).
import type { FormEvent, ReactNode } from "react";
import { errorMessage } from "@/lib/client/api";
import { InlineError } from "../feedback";
import { buttonPrimary, cardClass } from "../styles";

interface MutationState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

export function AddItemCard({
  headingId,
  title,
  formClassName,
  onSubmit,
  mutation,
  submitLabel,
  pendingLabel,
  canSubmit = true,
  children,
  revealed,
}: {
  headingId: string;
  title: string;
  formClassName: string;
  onSubmit: () => void;
  mutation: MutationState;
  submitLabel: string;
  pendingLabel: string;
  canSubmit?: boolean;
  /** The form's fields. */
  children: ReactNode;
  revealed?: ReactNode;
}) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <section className={`${cardClass} space-y-4 p-4`} aria-labelledby={headingId}>
      <h2 id={headingId} className="font-semibold">
        {title}
      </h2>
      <form onSubmit={submit} className={formClassName}>
        {children}
        <div className="flex items-end">
          <button type="submit" className={buttonPrimary} disabled={mutation.isPending || !canSubmit}>
            {mutation.isPending ? pendingLabel : submitLabel}
          </button>
        </div>
      </form>
      {mutation.isError ? <InlineError>{errorMessage(mutation.error)}</InlineError> : null}
      {revealed}
    </section>
  );
}
