// The shipping selection the cart holds, as plain functions: what a shopper's choice may look like
// before shipping is asked, how shipping's refusal reads as a userError of selectShipping, and
// whether a judgement still stands for the cart locked to write it. Whether an option, date or
// add-on fits a cart is the shipping context's to say; these only shape the question and read the
// answer. The cart stores the choice (option, day, add-ons), never a price.
import { DomainError, type UserErrorCode, type UserErrorData } from "@trolley/errors";
import { isCalendarDay, type ShippingJudgement, type ShippingRefusalCode } from "@trolley/federation";
import { sameAddress, sameShippingPlace, storedAddress, type ShippingAddress } from "./address.rules.js";

export interface ShippingSelection {
  optionId: string;
  /** A calendar day, YYYY-MM-DD; null when the shopper chose none (the option's earliest). */
  deliveryDate: string | null;
  /** Distinct, in ascending order: a selection's add-ons are a set. */
  addOnIds: string[];
}

/** What selectShipping is given. */
export interface ChosenShipping {
  optionId: string;
  deliveryDate?: string | null;
  addOnIds?: string[] | null;
}

/** No option has more add-ons than this; a longer list is not a shopper's. */
export const MAX_ADD_ONS = 10;
/** Longest option or add-on id: the shipping context's ids are far shorter. */
export const MAX_SHIPPING_ID_LENGTH = 100;

/** The userError field of each refusal: the selectShipping argument at fault. */
const refusalField: Record<ShippingRefusalCode, string> = {
  SHIPPING_OPTION_UNAVAILABLE: "optionId",
  DELIVERY_DATE_UNAVAILABLE: "deliveryDate",
  SHIPPING_ADD_ON_UNAVAILABLE: "addOnIds",
};

const refusal = (code: UserErrorCode, message: string, field: string) => new DomainError(code, message, [field]);

/**
 * The selection a shopper's choice stands for: ids trimmed, add-ons a set. Ids that cannot be any
 * option's or add-on's (blank, or longer than any) are refused here, with the code shipping
 * would answer, without asking it.
 */
export function chosenSelection(chosen: ChosenShipping): ShippingSelection {
  const optionId = chosen.optionId.trim();
  if (optionId === "" || optionId.length > MAX_SHIPPING_ID_LENGTH) throw refusal("SHIPPING_OPTION_UNAVAILABLE", "Choose one of the cart's shipping options.", "optionId");
  const deliveryDate = chosen.deliveryDate ?? null;
  if (deliveryDate !== null && !isCalendarDay(deliveryDate)) throw refusal("DELIVERY_DATE_UNAVAILABLE", "A delivery date is a calendar day written YYYY-MM-DD.", "deliveryDate");
  const addOnIds = [...new Set((chosen.addOnIds ?? []).map((id) => id.trim()))].sort();
  if (addOnIds.some((id) => id === "" || id.length > MAX_SHIPPING_ID_LENGTH)) throw refusal("SHIPPING_ADD_ON_UNAVAILABLE", "Choose add-ons among the option's own.", "addOnIds");
  if (addOnIds.length > MAX_ADD_ONS) throw new DomainError("INVALID_ARGUMENT", `At most ${MAX_ADD_ONS} add-ons can be selected.`, ["addOnIds"]);
  return { optionId, deliveryDate, addOnIds };
}

/** The selection a cart row holds, or null. The row's delivery date is a day at 00:00 UTC. */
export function selectionOf(row: { shippingOptionId: string | null; deliveryDate: Date | null; shippingAddOnIds: string[] }): ShippingSelection | null {
  if (row.shippingOptionId === null) return null;
  return { optionId: row.shippingOptionId, deliveryDate: row.deliveryDate && row.deliveryDate.toISOString().slice(0, 10), addOnIds: [...row.shippingAddOnIds].sort() };
}

export const sameSelection = (a: ShippingSelection | null, b: ShippingSelection | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.optionId === b.optionId && a.deliveryDate === b.deliveryDate && a.addOnIds.join("\u0000") === b.addOnIds.join("\u0000"));

/** The refusal a judgement stands for, in shipping's words, on the argument at fault; null when ok. */
export function refusalOf(judgement: ShippingJudgement): DomainError | null {
  return judgement.refusal && refusal(judgement.refusal.code, judgement.refusal.message, refusalField[judgement.refusal.code]);
}

export const cartEmpty = () => new DomainError("CART_EMPTY", "Add something to the cart before choosing how it ships.");

/** The warning of an address change that dropped the selection, which the shopper must choose again. */
export const selectionDropped = (): UserErrorData => ({
  code: "SHIPPING_SELECTION_DROPPED",
  message: "The shipping you selected does not deliver to this address, so it was removed. Choose a shipping option again.",
  field: ["address"],
});

/** A cart as a judgement was asked for it, or as it is locked now. */
export interface ShippedCart {
  cart: { id: string; shippingAddress: unknown; shippingOptionId: string | null; deliveryDate: Date | null; shippingAddOnIds: string[] };
  lines: { productId: string; quantity: number }[];
}

const lineKey = (cart: ShippedCart) => cart.lines.map((line) => `${line.productId}\u0000${line.quantity}`).sort().join("\u0001");

/** The same cart (not a new one after a checkout closed it) with the same lines in it. */
const sameShippedLines = (a: ShippedCart, b: ShippedCart): boolean => a.cart.id === b.cart.id && lineKey(a) === lineKey(b);

/**
 * Whether a judgement asked for `judged` holds for `locked`: the same cart with the same lines,
 * shipped to the same place. Otherwise it must be asked again.
 */
export const judgedForLocked = (judged: ShippedCart, locked: ShippedCart): boolean =>
  sameShippedLines(judged, locked) && sameShippingPlace(storedAddress(judged.cart.shippingAddress), storedAddress(locked.cart.shippingAddress));

/**
 * The selection shipping must judge before `address` is set on `cart`, or null when none can stop
 * fitting: a cart without a selection, or a new address in the same place (name, street, phone).
 */
export function selectionToJudge(cart: ShippedCart, address: ShippingAddress): ShippingSelection | null {
  const selection = selectionOf(cart.cart);
  return selection && !sameShippingPlace(storedAddress(cart.cart.shippingAddress), address) ? selection : null;
}

/** What shipping said of a selection for a new address, about the cart `seen` before the lock. */
export interface SelectionVerdict {
  seen: ShippedCart;
  selection: ShippingSelection;
  /** False when shipping refused it for the new address; true when it fits, or shipping could not say. */
  fits: boolean;
}

/** What setting an address does to the locked cart. */
export type AddressChange =
  | { kind: "unchanged" }
  /** The locked cart is not the one shipping was asked about (or shipping was not asked and must be): ask again. */
  | { kind: "stale" }
  | { kind: "set"; dropSelection: boolean };

/**
 * Setting `address` on the locked cart: nothing when it holds that very address; otherwise set,
 * and a selection that shipping refused for the new place is dropped with it. A verdict counts
 * only if it was about this cart's lines and this selection.
 */
export function addressChange(locked: ShippedCart, address: ShippingAddress, verdict: SelectionVerdict | null): AddressChange {
  if (sameAddress(storedAddress(locked.cart.shippingAddress), address)) return { kind: "unchanged" };
  const selection = selectionToJudge(locked, address);
  if (selection === null) return { kind: "set", dropSelection: false };
  if (!verdict || !sameSelection(verdict.selection, selection) || !sameShippedLines(verdict.seen, locked)) return { kind: "stale" };
  return { kind: "set", dropSelection: !verdict.fits };
}
