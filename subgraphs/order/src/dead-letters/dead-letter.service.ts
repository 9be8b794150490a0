// The admin use cases over the dead letters: a page, newest first, and a replay. Reading and
// replaying themselves are libs/outbox's (any context's dead letters look alike).
import { badUserInput, DomainError } from "@trolley/errors";
import { decodeCursor, encodeCursor, pageSize } from "@trolley/federation";
import { isStreamId, type DeadLetter, type DeadLetters } from "@trolley/outbox";

export interface DeadLetterPage {
  edges: { cursor: string; node: DeadLetter }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export class DeadLetterService {
  constructor(private readonly deadLetters: DeadLetters) {}

  async page(first: number | null | undefined, after: string | null | undefined): Promise<DeadLetterPage> {
    const size = pageSize(first);
    const afterId = after ? String(decodeCursor(after, 1)[0]) : undefined;
    if (afterId !== undefined && !isStreamId(afterId)) throw badUserInput("`after` is not a cursor this API issued.");
    const { deadLetters, hasNextPage } = await this.deadLetters.list(size, afterId);
    const edges = deadLetters.map((node) => ({ cursor: encodeCursor([node.id]), node }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Puts the event back on its source stream; DEAD_LETTER_NOT_FOUND when there is no such dead letter. */
  async replay(id: string): Promise<DeadLetter> {
    const replayed = await this.deadLetters.replay(id);
    if (!replayed) throw new DomainError("DEAD_LETTER_NOT_FOUND", "No dead letter has that id; it may have been replayed already.", ["id"]);
    return replayed;
  }
}
