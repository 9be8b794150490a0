// One signature per request's identity: reused across the request's subgraph calls while it has
// most of its life ahead, never past that, and never for another identity.
import { describe, expect, it } from "vitest";
import { PRODUCTION_INTERNAL_SECRET as INTERNAL } from "@trolley/testing";
import { anonymous, verifyIdentity, type Identity } from "@trolley/identity";
import { IdentitySignatures } from "../src/identity-signatures.js";

// A secret made up for the run (a literal here would count as a shipped default).
const SECRET = INTERNAL;

describe("identity signatures", () => {
  it("sign an identity once for the calls of its request, and again once the header has aged", () => {
    let now = Date.UTC(2026, 11, 1, 12, 0, 0);
    const signatures = new IdentitySignatures(SECRET, () => now);
    const alice: Identity = { kind: "user", subject: "alice", roles: ["customer"] };
    const first = signatures.headerFor(alice);
    now += 9_999;
    expect(signatures.headerFor(alice)).toBe(first);
    now += 1;
    const renewed = signatures.headerFor(alice);
    expect(renewed).not.toBe(first);
    // Whatever was handed out still proves the identity at the subgraph for the rest of its life.
    expect(verifyIdentity(renewed, SECRET, now + 59_000)).toEqual(alice);
    expect(verifyIdentity(first, SECRET, now + 40_000)).toEqual(alice);
  });

  it("never hand one identity's header to another", () => {
    const signatures = new IdentitySignatures(SECRET);
    const alice: Identity = { kind: "user", subject: "alice", roles: ["customer"] };
    const bob: Identity = { kind: "user", subject: "bob", roles: ["customer"] };
    expect(verifyIdentity(signatures.headerFor(alice), SECRET)).toEqual(alice);
    expect(verifyIdentity(signatures.headerFor(bob), SECRET)).toEqual(bob);
    expect(verifyIdentity(signatures.headerFor(anonymous), SECRET)).toEqual(anonymous);
  });
});
