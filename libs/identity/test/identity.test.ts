import { describe, expect, it } from "vitest";
import { signAccessToken, signGuestToken, verifyAccessToken, InvalidTokenError } from "../src/access-token.js";
import { signIdentity, verifyIdentity } from "../src/internal-identity.js";
import { anonymous, type Identity } from "../src/identity.js";

const settings = { secret: "a-test-secret-of-enough-length" };
const user: Identity = { kind: "user", subject: "u-1", roles: ["customer"] };

describe("access tokens", () => {
  it("carry the subject and roles", async () => {
    const { token } = await signAccessToken({ sub: "u-1", roles: ["admin"] }, settings);
    expect(await verifyAccessToken(token, settings)).toEqual({ kind: "user", subject: "u-1", roles: ["admin"] });
  });

  it("make guests of guest subjects whatever roles they claim", async () => {
    const { token } = await signGuestToken(settings, 60);
    const identity = await verifyAccessToken(token, settings);
    expect(identity).toMatchObject({ kind: "guest", roles: ["guest"] });
    expect(identity.kind === "guest" && identity.subject).toMatch(/^guest:/);
  });

  it("are refused when signed with another secret, expired, or for another audience", async () => {
    const { token } = await signAccessToken({ sub: "u-1", roles: [] }, { secret: "another-secret-of-enough-length" });
    await expect(verifyAccessToken(token, settings)).rejects.toBeInstanceOf(InvalidTokenError);
    const expired = await signAccessToken({ sub: "u-1", roles: [] }, settings, -10);
    await expect(verifyAccessToken(expired.token, settings)).rejects.toThrow("token expired");
    const other = await signAccessToken({ sub: "u-1", roles: [] }, { ...settings, audience: "other" });
    await expect(verifyAccessToken(other.token, { ...settings, audience: "trolley" })).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe("the internal identity header", () => {
  const secret = "internal-secret-for-tests";

  it("proves the identity the gateway signed", () => {
    expect(verifyIdentity(signIdentity(user, secret), secret)).toEqual(user);
  });

  it("is anonymous when missing, forged, tampered with or expired", () => {
    const header = signIdentity(user, secret);
    const [version, payload, mac] = header.split(".");
    const admin = Buffer.from(JSON.stringify({ ...user, roles: ["admin"], exp: 9e9 })).toString("base64url");
    expect(verifyIdentity(undefined, secret)).toEqual(anonymous);
    expect(verifyIdentity(signIdentity(user, "someone-elses-secret"), secret)).toEqual(anonymous);
    expect(verifyIdentity(`${version}.${admin}.${mac}`, secret)).toEqual(anonymous);
    expect(verifyIdentity(`${version}.${payload}`, secret)).toEqual(anonymous);
    expect(verifyIdentity(header, secret, Date.now() + 120_000)).toEqual(anonymous);
  });
});
