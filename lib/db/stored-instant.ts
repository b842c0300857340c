// How the ORM stores an instant, for the statements written without it (bulk rows, imports,
// collection, migrations): ISO 8601 with "+00:00", which is what Prisma's SQLite adapter writes
// and what PostgreSQL's timestamp(3) reads as UTC, so raw rows read back like the ORM's own.
export function storedInstant(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
