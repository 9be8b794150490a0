// How an admin change answers: the changed object, or the userErrors of a refusal (nothing changed).
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";

export async function adminPayload<T>(work: () => Promise<T>): Promise<{ value: T | null; userErrors: UserError[] }> {
  try {
    return { value: await work(), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) return { value: null, userErrors: error.errors.map(UserError.from) };
    throw error;
  }
}
