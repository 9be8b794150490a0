// Refuses query text longer than a limit before it is parsed: parsing and validating cost time in
// proportion to the text, and no operation a client of ours sends comes near the limit.
import type { BeforeParsing } from "../refuse-before-parsing.js";
import { limitExceeded } from "./limit-error.js";

export function queryLengthLimit(maxLength: number): BeforeParsing {
  return (request) => {
    const length = request.query?.length ?? 0;
    if (length <= maxLength) return undefined;
    return limitExceeded("QUERY_TOO_LARGE", `The query text is ${length} characters long; the limit is ${maxLength}.`, { limit: maxLength, actual: length });
  };
}
