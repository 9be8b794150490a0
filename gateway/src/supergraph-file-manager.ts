// The composed supergraph file as the gateway's source: served at start, then watched, so a
// recomposed file is picked up without a restart. Apollo Gateway swaps the schema atomically;
// requests in flight finish on the schema they started with. A file that is not a valid
// supergraph is logged and ignored: the gateway keeps serving the last good one.
//
// Change events (fs.watch on the directory, which survives the file being replaced by a rename)
// are the fast path; a periodic stat catches what they miss (network and container mounts, a
// Kubernetes ConfigMap's symlink swap). Either only schedules a read; the content hash decides.
import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { SupergraphManager, SupergraphSdlHook } from "@apollo/gateway";
import { Supergraph } from "@apollo/federation-internals";
import type { Logger } from "@trolley/http";

export interface SupergraphFileOptions {
  path: string;
  /** How often the file is stat'ed, for the changes that no file-system event reports. */
  pollIntervalMs: number;
  logger: Logger;
  /** Quiet time after a change event before reading, so a file being written is read once, whole. */
  debounceMs?: number;
  /** Called after every read of the file with what became of it (the gateway counts these). */
  onRead?: (read: SupergraphFileRead) => void;
}

/**
 * One read of the supergraph file: `reloaded` (handed to the gateway), `ignored` (not a valid
 * supergraph), `refused` (the gateway would not take it), `unreadable`, or `unchanged` (the content
 * last read, good or bad, so nothing was done or reported again).
 */
export interface SupergraphFileRead {
  outcome: "reloaded" | "ignored" | "refused" | "unreadable" | "unchanged";
  /** The content's SHA-256, hex; unset when unreadable. */
  sha256?: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Changes when the file is rewritten or replaced; "missing" when it cannot be stat'ed. */
const fileVersion = (path: string) =>
  stat(path).then(
    (s) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
    () => "missing",
  );

/**
 * Refuses what the gateway could not serve, before it is handed over: the gateway validates less in
 * production and could be left half-updated by a supergraph that fails after parsing.
 */
function assertServable(supergraphSdl: string) {
  Supergraph.build(supergraphSdl, { validateSupergraph: true }).apiSchema();
}

export class SupergraphFileManager implements SupergraphManager {
  constructor(private readonly options: SupergraphFileOptions) {}

  async initialize({ update }: Parameters<SupergraphSdlHook>[0]) {
    const { path, pollIntervalMs, logger, debounceMs = 50, onRead = () => {} } = this.options;
    // Stat before reading: a change in between is then seen by the first poll.
    let version = await fileVersion(path);
    const supergraphSdl = await readFile(path, "utf8");
    let served = sha256(supergraphSdl);
    // The last content looked at, good or bad: a bad file is reported once, not on every poll.
    let seen = served;
    let stopped = false;

    const reload = async () => {
      if (stopped) return;
      const outcome = await readOnce();
      if (outcome && !stopped) onRead(outcome);
    };
    const readOnce = async (): Promise<SupergraphFileRead | undefined> => {
      version = await fileVersion(path);
      const text = await readFile(path, "utf8").catch((error: Error) => {
        if (seen !== "unreadable") logger.warn("supergraph file unreadable; still serving the previous supergraph", { path, error: error.message });
        seen = "unreadable";
        return null;
      });
      if (text === null) return { outcome: "unreadable" };
      if (stopped) return undefined;
      const hash = sha256(text);
      if (hash === seen) return { outcome: "unchanged", sha256: hash };
      seen = hash;
      if (hash === served) return { outcome: "unchanged", sha256: hash };
      const fields = { path, sha256: hash.slice(0, 12) };
      try {
        assertServable(text);
      } catch (error) {
        logger.error("supergraph file ignored: not a valid supergraph; still serving the previous one", { ...fields, error: (error as Error).message });
        return { outcome: "ignored", sha256: hash };
      }
      try {
        update(text);
      } catch (error) {
        logger.error("supergraph update refused by the gateway; still serving the previous one", { ...fields, error: (error as Error).message });
        return { outcome: "refused", sha256: hash };
      }
      served = hash;
      logger.info("supergraph reloaded", fields);
      return { outcome: "reloaded", sha256: hash };
    };

    // One reload at a time; a change noticed during one triggers one more.
    let running: Promise<void> | null = null;
    let again = false;
    const check = () => {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          await reload().catch((error) => logger.error("supergraph reload failed", { path, error }));
        } while (again && !stopped);
        running = null;
      })();
    };
    let debounce: NodeJS.Timeout | undefined;
    const schedule = () => {
      clearTimeout(debounce);
      if (!stopped) debounce = setTimeout(check, debounceMs);
    };

    // Started last, with nothing awaited after: the gateway serves `supergraphSdl` before any update.
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(dirname(path), { persistent: false }, schedule);
      watcher.on("error", (error) => {
        logger.warn("supergraph file watch failed; polling only", { path, error: error.message });
        watcher?.close();
      });
    } catch (error) {
      logger.warn("cannot watch the supergraph file; polling only", { path, error: (error as Error).message });
    }
    const poll = setInterval(async () => {
      if ((await fileVersion(path)) !== version) schedule();
    }, pollIntervalMs);
    poll.unref();

    return {
      supergraphSdl,
      cleanup: async () => {
        stopped = true;
        clearInterval(poll);
        clearTimeout(debounce);
        watcher?.close();
        await running;
      },
    };
  }
}
