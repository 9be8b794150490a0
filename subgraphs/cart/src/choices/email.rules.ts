// The cart's email: where order confirmations go (checkout requires it of guests). A plain function
// of the text entered: the email as the cart keeps it, or EMAIL_INVALID. The check is deliberately
// a sane subset of RFC 5321/5322 (dot-atoms only, no quoted local parts, no IP literals): what real
// shops' confirmation mails reach, and what every mail provider accepts.
import { DomainError } from "@trolley/errors";

/** RFC 5321's limit of a forward path, which an address must fit in. */
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** A top-level domain is letters, or an internationalised one in its ASCII (punycode) form. */
const TOP_LEVEL_DOMAIN = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const invalid = (message: string) => new DomainError("EMAIL_INVALID", message, ["email"]);

/**
 * The email as the cart holds it: trimmed, its domain lower-cased (domains are case-insensitive;
 * the local part is the mailbox owner's and is kept as entered).
 */
export function normalisedEmail(entered: string): string {
  const email = entered.trim();
  if (email === "") throw invalid("Enter an email address.");
  if (email.length > MAX_EMAIL_LENGTH) throw invalid(`An email address has at most ${MAX_EMAIL_LENGTH} characters.`);
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) throw invalid("Enter an email address like name@example.com.");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  if (local.length > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.test(local)) {
    throw invalid("The part before the @ may hold letters, digits, dots (not two in a row, nor first or last) and !#$%&'*+/=?^_`{|}~-.");
  }
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LEVEL_DOMAIN.test(labels.at(-1)!)) {
    throw invalid("The part after the @ must be a domain such as example.com.");
  }
  return `${local}@${domain}`;
}
