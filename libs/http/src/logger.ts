// One line of JSON per event on stdout (pino): what a container platform collects and a developer
// can grep. Callers keep the message-first shape `logger.info(msg, fields)`; a request's logger is a
// child bound to its `requestId`, so every line of that request carries it.
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line also carries `bindings` (e.g. `{ requestId }`). */
  child(bindings: Record<string, unknown>): Logger;
}

/** An error as a log reader needs it: what it is, what it said, where it came from, and why. */
function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as { code?: unknown }).code;
  return {
    type: value.name,
    message: value.message,
    stack: value.stack,
    ...(typeof code === "string" ? { code } : {}),
    ...(value.cause !== undefined && depth < 3 ? { cause: serializeError(value.cause, depth + 1) } : {}),
  };
}

// Every logger of the process writes through one stdout stream (several apps run in one test
// process), so lines from different loggers never interleave mid-line. Flushed on exit by pino.
let stdout: DestinationStream | undefined;

/** `destination` replaces stdout (tests capture lines with it). */
export function createLogger(service: string, level: LogLevel = "info", destination?: DestinationStream): Logger {
  const base = pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: (value) => serializeError(value) },
    },
    destination ?? (stdout ??= pino.destination({ dest: 1, sync: false })),
  );
  return wrap(base);
}

function wrap(logger: PinoLogger): Logger {
  const at = (level: "error" | "warn" | "info" | "debug") => (msg: string, fields?: Record<string, unknown>) => {
    if (fields) logger[level](fields, msg);
    else logger[level](msg);
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug"), child: (bindings) => wrap(logger.child(bindings)) };
}
