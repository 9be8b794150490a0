import type { UserErrorCode } from "./codes.js";

/** What a mutation payload's `userErrors` carries. */
export interface UserErrorData {
  code: UserErrorCode;
  message: string;
  field?: string[];
}

/**
 * An expected failure of a domain rule. Services throw it; resolvers turn it into `userErrors`
 * and answer with the unchanged object. Anything else thrown is an unexpected failure.
 */
export class DomainError extends Error {
  readonly errors: UserErrorData[];

  constructor(code: UserErrorCode, message: string, field?: string[]) {
    super(message);
    this.name = "DomainError";
    this.errors = [{ code, message, ...(field ? { field } : {}) }];
  }

  /** Several failures at once (e.g. one per invalid argument). */
  static of(errors: [UserErrorData, ...UserErrorData[]]): DomainError {
    const error = new DomainError(errors[0].code, errors[0].message, errors[0].field);
    error.errors.splice(0, 1, ...errors);
    return error;
  }

  get code(): UserErrorCode {
    return this.errors[0].code;
  }
}
