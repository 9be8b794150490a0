// The id that follows a request through every process and log line. A client may send its own (to
// find its request in our logs), but only a short, plain one: the id is echoed in a response
// header, forwarded to subgraphs and written to every log line, so anything longer or stranger is
// replaced by one of ours.
import { randomUUID } from "node:crypto";

const ACCEPTED = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && ACCEPTED.test(header) ? header : randomUUID();
}
