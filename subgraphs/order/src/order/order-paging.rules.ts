// How a caller's order history pages: newest first, by keyset (createdAt, id), with cursors only
// this API issues. Pure: the order service calls these; tests call them with hand-made rows.
import { badUserInput } from "@trolley/errors";
import { decodeCursor, encodeCursor, pageSize } from "@trolley/federation";

/** Keyset position in a newest-first list: the (createdAt, id) of the last order of a page. */
export interface OrderPosition {
  createdAt: Date;
  id: string;
}

export interface OrderPageRequest {
  size: number;
  /** Rows to fetch: one more than the page, to learn whether another page follows. */
  take: number;
  after?: OrderPosition;
}

export const orderCursor = (order: OrderPosition): string => encodeCursor([order.createdAt.toISOString(), order.id]);

export function decodeOrderCursor(cursor: string): OrderPosition {
  const [createdAt, id] = decodeCursor(cursor, 2);
  const at = typeof createdAt === "string" ? new Date(createdAt) : null;
  if (!at || Number.isNaN(at.getTime()) || typeof id !== "string" || id === "") {
    throw badUserInput("`after` is not a cursor this API issued.");
  }
  return { createdAt: at, id };
}

export function orderPageRequest(first: number | null | undefined, after: string | null | undefined): OrderPageRequest {
  const size = pageSize(first);
  return { size, take: size + 1, ...(after ? { after: decodeOrderCursor(after) } : {}) };
}

/** A page from rows fetched newest first with `request.take`. */
export function orderPage<T extends OrderPosition>(rows: T[], request: Pick<OrderPageRequest, "size">) {
  const edges = rows.slice(0, request.size).map((row) => ({ cursor: orderCursor(row), node: row }));
  return { edges, pageInfo: { hasNextPage: rows.length > request.size, endCursor: edges.at(-1)?.cursor ?? null } };
}
