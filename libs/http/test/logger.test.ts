import { describe, expect, it } from "vitest";
import { createLogger, type LogLevel } from "../src/logger.js";

function captured(level: LogLevel = "debug") {
  const lines: Record<string, any>[] = [];
  const logger = createLogger("svc", level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("the logger", () => {
  it("writes one JSON object per line: time, level name, service, message and the fields", () => {
    const { logger, lines } = captured();
    logger.info("cart created", { cartId: "c1", lines: 2 });
    expect(lines).toEqual([{ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: "info", service: "svc", msg: "cart created", cartId: "c1", lines: 2 }]);
  });

  it("writes `error` fields with their type, message, stack and cause", () => {
    const { logger, lines } = captured();
    const cause = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    logger.error("request failed", { error: new TypeError("fetch failed", { cause }) });
    expect(lines[0].error).toEqual({
      type: "TypeError",
      message: "fetch failed",
      stack: expect.stringContaining("TypeError: fetch failed"),
      cause: { type: "Error", message: "connect ECONNREFUSED", code: "ECONNREFUSED", stack: expect.any(String) },
    });
  });

  it("binds a child's fields to every line it writes, and keeps the parent's level", () => {
    const { logger, lines } = captured("info");
    const request = logger.child({ requestId: "r-1" });
    request.info("request", { status: 200 });
    request.debug("not at info");
    logger.warn("no request here");
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ["request", "r-1"],
      ["no request here", undefined],
    ]);
  });

  it("drops lines below its level, and everything when silent", () => {
    const warn = captured("warn");
    warn.logger.info("ignored");
    warn.logger.error("kept");
    expect(warn.lines.map((l) => l.msg)).toEqual(["kept"]);
    const silent = captured("silent");
    silent.logger.error("ignored too");
    expect(silent.lines).toEqual([]);
  });
});
