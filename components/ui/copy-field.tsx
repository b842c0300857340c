"use client";
// A read-only field with a Copy button, for secrets shown once (API keys, invitation links).
import { useId, useState } from "react";
import { buttonSecondary, inputClass, labelClass } from "../styles";

export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("copied");
    } catch {
      // Clipboard access can be refused (insecure origin, permissions); the text stays selectable.
      setCopied("failed");
    }
  }
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono`} data-testid={testId} />
        <button type="button" className={buttonSecondary} onClick={copy}>
          Copy
        </button>
      </div>
      <p className="mt-1 text-xs text-slate-600" aria-live="polite">
        {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy automatically: select the key and copy it." : ""}
      </p>
    </div>
  );
}
