// SQLite serves the whole process through one connection. An interactive transaction
// on it is a connection state (BEGIN … COMMIT), so a statement another request issues
// meanwhile would silently become part of that transaction, committed or rolled back
// with it. The gate makes every use of the connection (a single statement, a whole
// transaction, an import batch on the bulk-writer connection) take turns, in FIFO order.
import { setting } from "@/lib/config";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

export type Release = () => void;

export class AsyncGate {
  #held = false;
  #waiters: Array<() => void> = [];

  /** Resolves with a release function once the caller holds the gate. */
  acquire(): Promise<Release> {
    return new Promise((resolve) => {
      const grant = () => {
        this.#held = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.#next();
        });
      };
      if (this.#held) this.#waiters.push(grant);
      else grant();
    });
  }

  async run<T>(work: () => Promise<T> | T): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  get busy(): boolean {
    return this.#held;
  }

  #next(): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter();
    else this.#held = false;
  }
}

const holder = globalThis as unknown as { __bandwatchSqliteGate?: AsyncGate };

/** The process-wide gate of the SQLite database (survives Next's module reloading in dev). */
export function sqliteGate(): AsyncGate {
  return (holder.__bandwatchSqliteGate ??= new AsyncGate());
}

function gatedTransaction(tx: Tx, release: Release): Tx {
  const close = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query: Query) => tx.queryRaw(query),
    executeRaw: (query: Query) => tx.executeRaw(query),
    commit: close(() => tx.commit()),
    rollback: close(() => tx.rollback()),
  };
}

/** The driver's SQLITE_BUSY, as the Prisma adapter wraps it (kind "SocketTimeout"). */
export function isBusyDriverError(error: unknown): boolean {
  if (!(error instanceof Error) || typeof error.cause !== "object" || error.cause === null) return false;
  const cause = error.cause as { originalCode?: unknown; kind?: unknown };
  return (typeof cause.originalCode === "string" && cause.originalCode.startsWith("SQLITE_BUSY")) || cause.kind === "SocketTimeout";
}

/** How long a single statement keeps retrying (asynchronously) while another process holds the write lock. */
const busyWaitMs = () => setting("BANDWATCH_SQLITE_BUSY_WAIT_MS");

/**
 * Runs one autocommit statement behind the gate. The connection's own busy timeout is
 * short (it blocks the event loop); past it, the statement is retried after a pause with
 * the gate released. A statement that failed with SQLITE_BUSY changed nothing, so a retry is safe.
 */
async function statement<T>(gate: AsyncGate, op: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + busyWaitMs();
  for (let attempt = 0; ; attempt++) {
    try {
      return await gate.run(op);
    } catch (error) {
      if (!isBusyDriverError(error) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, 10 * 2 ** attempt)));
  }
}

/** The adapter with every top-level statement and transaction behind the gate. */
export function gatedAdapter(inner: Adapter, gate: AsyncGate): Adapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => statement(gate, () => inner.queryRaw(query)),
    executeRaw: (query) => statement(gate, () => inner.executeRaw(query)),
    executeScript: (script) => gate.run(() => inner.executeScript(script)),
    // Held from BEGIN until commit or rollback; statements inside go through the transaction object.
    startTransaction: async (isolationLevel) => {
      const release = await gate.acquire();
      try {
        return gatedTransaction(await inner.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: inner.getConnectionInfo ? () => inner.getConnectionInfo!() : undefined,
    dispose: () => inner.dispose(),
  };
}

/** Wraps the better-sqlite3 adapter factory so the client's connection is gated. */
export function gatedFactory(inner: PrismaBetterSQLite3, gate: AsyncGate): Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => gatedAdapter(await inner.connect(), gate),
    connectToShadowDb: async () => gatedAdapter(await inner.connectToShadowDb(), gate),
  };
}
