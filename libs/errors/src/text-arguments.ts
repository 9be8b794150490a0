// Free-text arguments (idempotency keys, tokens, ids from clients) must be present and bounded.
import { DomainError, type UserErrorData } from "./domain-error.js";

export const MAX_TEXT_ARGUMENT_LENGTH = 100;

/** INVALID_ARGUMENT problems: blank, or longer than the limit. One per argument at fault. */
export function textArgumentProblems(args: Record<string, string>, maxLength = MAX_TEXT_ARGUMENT_LENGTH): UserErrorData[] {
  const problems: UserErrorData[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (value.trim() === "") problems.push({ code: "INVALID_ARGUMENT", message: `\`${name}\` must not be empty.`, field: [name] });
    else if (value.length > maxLength) problems.push({ code: "INVALID_ARGUMENT", message: `\`${name}\` is limited to ${maxLength} characters.`, field: [name] });
  }
  return problems;
}

/** Throws one DomainError listing every argument at fault. */
export function checkTextArguments(args: Record<string, string>, maxLength = MAX_TEXT_ARGUMENT_LENGTH): void {
  const [first, ...rest] = textArgumentProblems(args, maxLength);
  if (first) throw DomainError.of([first, ...rest]);
}
