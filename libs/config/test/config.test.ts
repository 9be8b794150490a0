import { describe, expect, it } from "vitest";
import { common, ConfigError, loadConfig, port, refuseDevSecretsInProduction, z } from "../src/index.js";

const schema = z.object({ ...common, PORT: port(4001) });

describe("loadConfig", () => {
  it("fills defaults, treats empty strings as unset and freezes the result", () => {
    const config = loadConfig(schema, { PORT: "", NODE_ENV: "test" });
    expect(config.PORT).toBe(4001);
    expect(config.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/trolley");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("lists every problem at once", () => {
    try {
      loadConfig(schema, { PORT: "http", DATABASE_URL: "nope", INTERNAL_SECRET: "short" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "INTERNAL_SECRET", "PORT"]);
    }
  });

  it("refuses development secrets in production", () => {
    const config = loadConfig(schema, { NODE_ENV: "production" });
    expect(() => refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"])).toThrow(ConfigError);
  });
});

describe("durations", () => {
  it("read as people write them", async () => {
    const { parseDuration, duration } = await import("../src/duration.js");
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("24h")).toBe(86_400_000);
    expect(parseDuration("7d")).toBe(604_800_000);
    expect(parseDuration("1.5s")).toBe(1500);
    expect(parseDuration("24")).toBeNull();
    const schema = z.object({ TTL: duration("7d") });
    expect(loadConfig(schema, {}).TTL).toBe(604_800_000);
    expect(() => loadConfig(schema, { TTL: "soon" })).toThrow(/not a duration/);
  });
});

describe("event settings", () => {
  it("default to a relay poll each second, a week's retention, 100000-entry streams and 10 deliveries, and refuse nonsense", async () => {
    const { eventSettings } = await import("../src/index.js");
    const events = z.object(eventSettings);
    expect(loadConfig(events, {})).toEqual({
      OUTBOX_POLL_INTERVAL: 1_000,
      OUTBOX_RETENTION: 604_800_000,
      OUTBOX_HOUSEKEEPING_INTERVAL: 60_000,
      STREAM_MAX_LENGTH: 100_000,
      EVENT_MAX_DELIVERIES: 10,
      EVENT_RETRY_DELAY: 30_000,
    });
    try {
      loadConfig(events, { OUTBOX_RETENTION: "forever", STREAM_MAX_LENGTH: "10", EVENT_MAX_DELIVERIES: "0" });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(":")[0]).sort()).toEqual(["EVENT_MAX_DELIVERIES", "OUTBOX_RETENTION", "STREAM_MAX_LENGTH"]);
    }
  });
});
