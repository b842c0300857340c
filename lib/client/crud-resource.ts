// (Imported by client components only.) One shape for every settings resource (providers,
// websites, API keys, alert destinations): a list seeded by the server render, create,
// PATCH and DELETE, with optimistic list edits that roll back when the server refuses and
// a refetch of the list (and of the queries that show it) once each change settles.
import { useMutation, useQuery, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { apiFetch } from "./api";

export interface ResourceList {
  key: QueryKey;
  /** The collection route; it answers GET with `{ data: Item[] }`. */
  path: string;
  /** Polling for lists that change without the user (e.g. the delivery log's retries). */
  refetchInterval?: number;
}

export function useResourceList<Item>({ key, path, refetchInterval }: ResourceList, initialData?: Item[]) {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => apiFetch<{ data: Item[] }>(path, { signal }).then((r) => r.data),
    initialData,
    refetchInterval,
  });
}

export interface CrudResource<Item, Id, Created> extends ResourceList {
  idOf: (item: Item) => Id;
  /** Other queries that show this resource's data (e.g. provider names in the anomaly tables). */
  related?: QueryKey[];
  /** What the list shows right after a DELETE, before the server answers; by default the item is gone. */
  removeLocally?: (list: Item[], id: Id) => Item[];
  /** Puts a create's answer into the list at once instead of waiting for the refetch. */
  addLocally?: (list: Item[], created: Created) => Item[];
}

export interface ItemChanges<Item, Id> {
  id: Id;
  changes: Partial<Item>;
}

interface Snapshot<Item> {
  previous?: Item[];
}

export function useCrudResource<Item, Id extends string | number, CreateInput, Created = Item>(resource: CrudResource<Item, Id, Created>, initialData?: Item[]) {
  const queryClient = useQueryClient();
  const { key, path, idOf } = resource;
  const settle = () => {
    for (const queryKey of [key, ...(resource.related ?? [])]) void queryClient.invalidateQueries({ queryKey });
  };
  // Cancel in-flight reads first so a late answer cannot overwrite the optimistic list.
  const editLocally = async (edit: (list: Item[]) => Item[]): Promise<Snapshot<Item>> => {
    await queryClient.cancelQueries({ queryKey: key });
    const previous = queryClient.getQueryData<Item[]>(key);
    queryClient.setQueryData<Item[]>(key, (current) => current && edit(current));
    return { previous };
  };
  const rollback = (_error: unknown, _variables: unknown, snapshot: Snapshot<Item> | undefined) => queryClient.setQueryData(key, snapshot?.previous);

  const list = useResourceList<Item>(resource, initialData);
  const create = useMutation({
    mutationFn: (input: CreateInput) => apiFetch<{ data: Created }>(path, { method: "POST", body: input }).then((r) => r.data),
    onSuccess: (created) => {
      const { addLocally } = resource;
      if (addLocally) queryClient.setQueryData<Item[]>(key, (current) => addLocally(current ?? [], created));
    },
    onSettled: settle,
  });
  const update = useMutation({
    mutationFn: ({ id, changes }: ItemChanges<Item, Id>) => apiFetch<unknown>(`${path}/${id}`, { method: "PATCH", body: changes }),
    onMutate: ({ id, changes }) => editLocally((items) => items.map((item) => (idOf(item) === id ? { ...item, ...changes } : item))),
    onError: rollback,
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (id: Id) => apiFetch<unknown>(`${path}/${id}`, { method: "DELETE" }),
    onMutate: (id) => editLocally((items) => (resource.removeLocally ? resource.removeLocally(items, id) : items.filter((item) => idOf(item) !== id))),
    onError: rollback,
    onSettled: settle,
  });
  return { list, create, update, remove };
}
