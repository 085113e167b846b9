export { dataLayer, Unit, type DataLayer, type Repository, type RowOf, type SystemRepository, type UnitDb, type UserRepository } from './unit.js';
export { afterCursor, decodeCursor, encodeCursor, orderOf, pageFrom, sortKey, type KeyValue, type SortKey } from './paging.js';
/** Rows of a raw SQL query run in a unit (`queryRows(u.db, sql`...`)`). */
export { queryRows } from '../db/client.js';
