// Labelled form controls: every control gets a <label htmlFor> tied to its id, so screen
// readers announce it and tests can find it by label.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { inputClass, labelClass, selectClass } from "../styles";

interface FieldFrame {
  label: ReactNode;
  /** Adds a muted "(optional)" after the label. */
  optional?: boolean;
  /** A fixed id for a control that a link or a test addresses; otherwise one is generated. */
  id?: string;
  /** Classes for the wrapper (grid spans, flex growth). */
  className?: string;
}

/** A label above any control; `children` receives the id the control must carry. */
export function FormField({ label, optional = false, id, className, children }: FieldFrame & { children: (id: string) => ReactNode }) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  return (
    <div className={className}>
      <label htmlFor={controlId} className={labelClass}>
        {label}
        {optional ? (
          <>
            {" "}
            <span className="font-normal text-slate-500">(optional)</span>
          </>
        ) : null}
      </label>
      {children(controlId)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">;

export function TextField({ label, optional, id, className, ...input }: FieldFrame & InputProps) {
  return (
    <FormField label={label} optional={optional} id={id} className={className}>
      {(controlId) => <input id={controlId} {...input} className={inputClass} />}
    </FormField>
  );
}

export interface SelectOption<Value extends string | number> {
  value: Value;
  label: string;
}

/**
 * A select over a fixed list of typed values: onChange hands back the chosen option's own
 * value (a number stays a number), so callers never parse or cast the DOM's string.
 */
export function SelectField<Value extends string | number>({
  options,
  value,
  onChange,
  ...frame
}: FieldFrame & { options: ReadonlyArray<SelectOption<Value>>; value: Value; onChange: (value: Value) => void }) {
  return (
    <FormField {...frame}>
      {(controlId) => (
        <select
          id={controlId}
          className={selectClass}
          value={value}
          onChange={(event) => {
            const chosen = options.find((option) => String(option.value) === event.target.value);
            if (chosen) onChange(chosen.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
