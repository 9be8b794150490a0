// One line of JSON per event on stderr: what a container platform collects and a developer can grep.
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

const rank: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 };

export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(service: string, level: LogLevel = "info"): Logger {
  const write = (lvl: LogLevel) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (rank[lvl] < rank[level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, service, msg, ...fields };
    if (fields.error instanceof Error) entry.error = { message: fields.error.message, stack: fields.error.stack };
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  };
  return { error: write("error"), warn: write("warn"), info: write("info"), debug: write("debug") };
}
