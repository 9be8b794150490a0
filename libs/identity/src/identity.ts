// Who is calling. The gateway derives it from the client's bearer token; subgraphs receive it in a
// header the gateway signs, and service-to-service calls carry a service identity the same way.

export type Role = "customer" | "admin" | "guest" | "service";

export type Identity =
  | { kind: "anonymous" }
  | { kind: "user"; subject: string; roles: Role[] }
  | { kind: "guest"; subject: string; roles: Role[] }
  | { kind: "service"; subject: string; roles: Role[] };

export const anonymous: Identity = Object.freeze({ kind: "anonymous" });

export const GUEST_PREFIX = "guest:";

export function serviceIdentity(name: string): Identity {
  return { kind: "service", subject: `service:${name}`, roles: ["service"] };
}

export function hasRole(identity: Identity, role: Role): boolean {
  return identity.kind !== "anonymous" && identity.roles.includes(role);
}

export const isAdmin = (identity: Identity) => hasRole(identity, "admin");

/** The owner key of per-caller data (carts, orders): the user id, or "guest:<id>" for a guest. */
export function ownerOf(identity: Identity): string | null {
  return identity.kind === "user" || identity.kind === "guest" ? identity.subject : null;
}
