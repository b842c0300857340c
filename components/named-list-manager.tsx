"use client";
// A list of named things (providers, websites) that admins can rename inline and remove
// after confirming. Shared by the two settings pages; each passes its resource's update
// and remove mutations (lib/client/crud-resource).
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "@/lib/client/api";
import { EmptyState, InlineError } from "./feedback";
import { buttonSmall, inputClass } from "./styles";
import { ConfirmDialog } from "./ui/confirm-dialog";

export interface NamedItem<Id> {
  id: Id;
  name: string;
  detail: ReactNode;
  /** False for an item that cannot be removed (e.g. the default cost monitor); renaming stays. */
  removable?: boolean;
}

interface Rename<Id> {
  id: Id;
  changes: { name: string };
}

interface MutationLike<V> {
  mutate: (variables: V, options?: { onSuccess?: () => void }) => void;
  isPending: boolean;
  error: unknown;
  isError: boolean;
}

function RenameForm<Id>({ item, rename, onDone }: { item: NamedItem<Id>; rename: MutationLike<Rename<Id>>; onDone: () => void }) {
  const [name, setName] = useState(item.name);
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim() || name.trim() === item.name) return onDone();
    rename.mutate({ id: item.id, changes: { name: name.trim() } }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} className="flex flex-1 flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        New name for {item.name}
      </label>
      <input id={id} autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={`${inputClass} max-w-xs`} />
      <button type="submit" className={buttonSmall} disabled={rename.isPending}>
        Save
      </button>
      <button type="button" className={buttonSmall} onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

export function NamedListManager<Id extends string | number>({
  noun,
  items,
  canManage,
  rename,
  remove,
  removeWarning,
  emptyTitle,
  emptyHint,
}: {
  noun: string;
  items: NamedItem<Id>[];
  canManage: boolean;
  rename: MutationLike<Rename<Id>>;
  remove: MutationLike<Id>;
  removeWarning: string;
  emptyTitle: string;
  emptyHint: ReactNode;
}) {
  const [editing, setEditing] = useState<Id | null>(null);
  const [removing, setRemoving] = useState<NamedItem<Id> | null>(null);
  return (
    <>
      {rename.isError ? (
        <div className="p-4">
          <InlineError>Could not rename: {errorMessage(rename.error)}</InlineError>
        </div>
      ) : null}
      {remove.isError ? (
        <div className="p-4">
          <InlineError>Could not remove: {errorMessage(remove.error)}</InlineError>
        </div>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={emptyTitle}>{emptyHint}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              {editing === item.id ? (
                <RenameForm item={item} rename={rename} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium">{item.name}</p>
                    <div className="text-xs text-slate-600">{item.detail}</div>
                  </div>
                  {canManage ? (
                    <div className="flex gap-2">
                      <button type="button" className={buttonSmall} onClick={() => setEditing(item.id)} aria-label={`Rename ${item.name}`}>
                        Rename
                      </button>
                      {item.removable === false ? null : (
                        <button type="button" className={buttonSmall} onClick={() => setRemoving(item)} aria-label={`Remove ${item.name}`}>
                          Remove
                        </button>
                      )}
                    </div>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        target={removing}
        onClose={() => setRemoving(null)}
        onConfirm={(item) => remove.mutate(item.id)}
        title={`Remove ${noun}`}
        description={(item) => `Remove “${item.name}”? ${removeWarning}`}
        confirmLabel={`Remove ${noun}`}
      />
    </>
  );
}
