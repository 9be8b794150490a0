// The cart's rules about the services it holds, as plain functions: which line a service may go
// with, how the catalog's answer about a service reads as a refusal, what quantity a service line
// has, which services leave with their lines, and which of a guest's services come along on a
// merge. Whether a service is offered, and for which products, is the catalog's to say.
import { DomainError } from "@trolley/errors";
import type { ServiceAvailability } from "../clients/catalog.client.js";

interface Line {
  id: string;
  productId: string;
}

/** The cart's line (in the cart, not saved for later) with that id; LINE_NOT_FOUND otherwise. */
export function lineForService<T extends Line>(lines: T[], lineId: string): T {
  const line = lines.find((l) => l.id === lineId);
  if (!line) throw new DomainError("LINE_NOT_FOUND", "The cart has no line with this id.", ["lineId"]);
  return line;
}

/**
 * The refusal the catalog's answer stands for, or null when the service may be added. The
 * message says why, so the shopper knows whether to name a line or leave it out.
 */
export function refusalOf(availability: ServiceAvailability, lineId: string | null): DomainError | null {
  if (availability.available) return null;
  const { service } = availability;
  if (!service) return new DomainError("SERVICE_NOT_AVAILABLE", "No such service is offered.", ["serviceId"]);
  if (service.kind === "FOR_LINE" && lineId === null) {
    return new DomainError("SERVICE_NOT_AVAILABLE", `${service.title} goes with a cart line: give the line's id.`, ["lineId"]);
  }
  if (service.kind === "STANDALONE" && lineId !== null) {
    return new DomainError("SERVICE_NOT_AVAILABLE", `${service.title} is added to the cart itself, not to a line: leave the line's id out.`, ["lineId"]);
  }
  return new DomainError("SERVICE_NOT_AVAILABLE", `${service.title} is not offered for this product.`, ["serviceId"]);
}

export const serviceAlreadyAdded = (lineId: string | null) =>
  new DomainError("SERVICE_ALREADY_ADDED", lineId === null ? "The cart already has this service." : "This line already has this service.", ["serviceId"]);

export const serviceLineNotFound = () => new DomainError("SERVICE_LINE_NOT_FOUND", "The cart has no service line with this id.", ["serviceLineId"]);

/** A service line's quantity follows its line's (installation for each of two washing machines); a standalone one is 1. */
export const serviceLineQuantity = (lineQuantity: number | null): number => lineQuantity ?? 1;

/**
 * The ids of the cart's lines a change takes out of the cart: those it sets to 0 (removed,
 * cleared) and those it saves for later. Their services leave with them.
 */
export function linesLeaving(lines: { id: string; productId: string }[], writes: { productId: string; quantity: number; saved?: boolean }[]): string[] {
  const leaving = new Set(writes.filter((w) => w.quantity === 0 || w.saved).map((w) => w.productId));
  return lines.filter((line) => leaving.has(line.productId)).map((line) => line.id);
}

/** A service to put on the user's cart: on one of its lines, or on the cart itself (lineId null). */
export interface ServiceToMerge {
  serviceId: string;
  lineId: string | null;
}

/**
 * The guest's services on the user's cart after a merge, in the guest's order: a line's services
 * go to the user's line of the same product, if the cart has one now (a guest line that could not
 * come along takes its services with it); standalone ones to the cart. Those the user's cart holds
 * already are left to the unique indexes, which keep one of each.
 */
export function serviceLinesToMerge(
  guestServiceLines: { serviceId: string; lineId: string | null }[],
  guestLines: Line[],
  userLinesAfter: Line[],
): ServiceToMerge[] {
  const productOfGuestLine = new Map(guestLines.map((line) => [line.id, line.productId]));
  const userLineOfProduct = new Map(userLinesAfter.map((line) => [line.productId, line.id]));
  const merged: ServiceToMerge[] = [];
  for (const { serviceId, lineId } of guestServiceLines) {
    if (lineId === null) {
      merged.push({ serviceId, lineId: null });
      continue;
    }
    const productId = productOfGuestLine.get(lineId);
    const userLine = productId === undefined ? undefined : userLineOfProduct.get(productId);
    if (userLine !== undefined) merged.push({ serviceId, lineId: userLine });
  }
  return merged;
}
