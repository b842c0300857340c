// A data table from column definitions. Sorting and paging are controlled (the page keeps
// them, e.g. in the URL): a sortable header is a button inside a th carrying aria-sort,
// and the table sorts and slices the rows it is given. No hooks, so server components
// can render it too.
import type { HTMLAttributes, ReactNode } from "react";
import { buttonSmall } from "../styles";

export type SortOrder = "asc" | "desc";

export interface Column<Row, SortKey extends string = never> {
  header: string;
  /** The header is read by screen readers only (e.g. an actions column). */
  hideHeader?: boolean;
  align?: "right";
  /** Extra classes for this column's body cells. */
  cellClassName?: string;
  /** The cell names its row: rendered as <th scope="row">. */
  rowHeader?: boolean;
  sort?: { key: SortKey; compare: (a: Row, b: Row) => number };
  cell: (row: Row) => ReactNode;
}

export interface TableSort<SortKey extends string> {
  key: SortKey;
  order: SortOrder;
  onSort: (key: SortKey, order: SortOrder) => void;
}

export interface TablePaging {
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };

const cell = "px-3 py-2";

function SortableHeader<Row, SortKey extends string>({ column, sortKey, sort }: { column: Column<Row, SortKey>; sortKey: SortKey; sort: TableSort<SortKey> }) {
  const active = sort.key === sortKey;
  // A new column starts descending (largest, latest first); the active one flips.
  const next: SortOrder = active && sort.order === "desc" ? "asc" : "desc";
  return (
    <th scope="col" aria-sort={active ? (sort.order === "asc" ? "ascending" : "descending") : "none"} className={`${cell} ${column.align === "right" ? "text-right" : ""}`}>
      <button type="button" onClick={() => sort.onSort(sortKey, next)} className="inline-flex items-center gap-1 font-medium hover:text-indigo-700">
        {column.header}
        <span aria-hidden="true" className="text-xs">
          {active ? (sort.order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

function HeaderCell<Row, SortKey extends string>({ column, sort }: { column: Column<Row, SortKey>; sort?: TableSort<SortKey> }) {
  if (column.sort && sort) return <SortableHeader column={column} sortKey={column.sort.key} sort={sort} />;
  return (
    <th scope="col" className={`${cell} font-medium ${column.align === "right" ? "text-right" : ""}`}>
      {column.hideHeader ? <span className="sr-only">{column.header}</span> : column.header}
    </th>
  );
}

function BodyCell<Row, SortKey extends string>({ column, row }: { column: Column<Row, SortKey>; row: Row }) {
  const className = `${cell} ${column.align === "right" ? "text-right tabular-nums" : ""} ${column.cellClassName ?? ""}`;
  if (column.rowHeader) {
    return (
      <th scope="row" className={`${className} font-normal`}>
        {column.cell(row)}
      </th>
    );
  }
  return <td className={className}>{column.cell(row)}</td>;
}

function sortRows<Row, SortKey extends string>(rows: Row[], columns: Column<Row, SortKey>[], sort?: TableSort<SortKey>): Row[] {
  const compare = sort ? columns.find((c) => c.sort?.key === sort.key)?.sort?.compare : undefined;
  if (!sort || !compare) return rows;
  const sorted = [...rows].sort(compare);
  return sort.order === "desc" ? sorted.reverse() : sorted;
}

export function Pagination({ page, pageCount, onPage }: { page: number; pageCount: number; onPage: (page: number) => void }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm">
      <button type="button" className={buttonSmall} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page} of {pageCount}
      </span>
      <button type="button" className={buttonSmall} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}

export function DataTable<Row, SortKey extends string = never>({
  columns,
  rows,
  rowKey,
  rowAttributes,
  sort,
  paging,
  caption,
  className = "",
  testId,
}: {
  columns: Column<Row, SortKey>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  rowAttributes?: (row: Row) => RowAttributes;
  sort?: TableSort<SortKey>;
  paging?: TablePaging;
  /** Read by screen readers only. */
  caption?: string;
  /** Extra table classes, e.g. a min-width that makes narrow screens scroll instead of squeeze. */
  className?: string;
  testId?: string;
}) {
  const sorted = sortRows(rows, columns, sort);
  const pageCount = paging ? Math.max(1, Math.ceil(sorted.length / paging.pageSize)) : 1;
  const page = paging ? Math.min(paging.page, pageCount) : 1;
  const visible = paging ? sorted.slice((page - 1) * paging.pageSize, page * paging.pageSize) : sorted;
  return (
    <>
      {/* `relative` keeps the sr-only (absolutely positioned) header text inside the scroll
          box; without it that text sits at its table position and widens the whole page. */}
      <div className="relative overflow-x-auto">
        <table className={`w-full text-left text-sm ${className}`} data-testid={testId}>
          {caption ? <caption className="sr-only">{caption}</caption> : null}
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {columns.map((column) => (
                <HeaderCell key={column.header} column={column} sort={sort} />
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((row) => (
              <tr key={rowKey(row)} {...rowAttributes?.(row)}>
                {columns.map((column) => (
                  <BodyCell key={column.header} column={column} row={row} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paging ? <Pagination page={page} pageCount={pageCount} onPage={paging.onPage} /> : null}
    </>
  );
}
