// Whom a request counts against for the rate limit.
import { describe, expect, it } from "vitest";
import { anonymous, type Identity } from "@trolley/identity";
import { callerKey } from "../src/rate-limit/caller-key.js";

const request = (remoteAddress: string, forwardedFor?: string) => ({ headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {}, socket: { remoteAddress } });

describe("caller key", () => {
  it("is the verified user or guest, whatever address they call from", () => {
    const user: Identity = { kind: "user", subject: "alice", roles: ["customer"] };
    const guest: Identity = { kind: "guest", subject: "guest:abc", roles: ["guest"] };
    expect(callerKey(user, request("10.0.0.1"), false)).toBe("user:alice");
    expect(callerKey(user, request("10.0.0.2", "1.2.3.4"), true)).toBe("user:alice");
    expect(callerKey(guest, request("10.0.0.1"), false)).toBe("guest:guest:abc");
  });

  it("is the connecting address of an anonymous caller, X-Forwarded-For ignored unless trusted", () => {
    expect(callerKey(anonymous, request("10.0.0.1", "1.2.3.4"), false)).toBe("ip:10.0.0.1");
    expect(callerKey(anonymous, request("10.0.0.1", "1.2.3.4"), true)).toBe("ip:1.2.3.4");
    expect(callerKey(anonymous, request("10.0.0.1"), true)).toBe("ip:10.0.0.1");
  });

  it("behind the proxy, takes the address the proxy saw, not what the client wrote before it", () => {
    expect(callerKey(anonymous, request("10.0.0.1", "6.6.6.6, 1.2.3.4"), true)).toBe("ip:1.2.3.4");
  });
});
