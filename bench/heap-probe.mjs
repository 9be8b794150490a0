// Preloaded into our gateway process by the bench (`node --expose-gc --import <this file>`), never
// by production: answers a "memory" message on the IPC channel with process.memoryUsage() taken
// after a full garbage collection, so the soak compares live heap rather than garbage. With
// PROCESSES > 1 the supervisor asks every worker (they inherit this preload) and answers the sum.
// The gateway's own code is untouched; without an IPC channel (any other launch) this does nothing.
// Plain JavaScript: the gateway it is preloaded into runs compiled, under node without tsx.
import cluster from "node:cluster";

/** @returns {{ usage: NodeJS.MemoryUsage, collected: boolean }} */
const collect = () => {
  const gc = globalThis.gc;
  gc?.();
  return { usage: process.memoryUsage(), collected: typeof gc === "function" };
};
const isMemory = (message) => message?.type === "memory";

/** @param {import("node:cluster").Worker} worker */
function askWorker(worker) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (!isMemory(message)) return;
      worker.off("message", onMessage);
      resolve(message);
    };
    worker.on("message", onMessage);
    worker.send({ type: "memory" });
  });
}

if (cluster.isWorker) {
  process.on("message", (message) => {
    if (isMemory(message)) process.send({ type: "memory", ...collect() });
  });
} else if (process.send && process.channel) {
  process.on("message", async (message) => {
    if (!isMemory(message)) return;
    const workers = Object.values(cluster.workers ?? {}).filter(Boolean);
    if (workers.length === 0) return void process.send({ type: "memory", ...collect() });
    const answers = await Promise.all(workers.map(askWorker));
    const sum = (key) => answers.reduce((total, a) => total + a.usage[key], 0);
    const usage = { rss: sum("rss"), heapTotal: sum("heapTotal"), heapUsed: sum("heapUsed"), external: sum("external"), arrayBuffers: sum("arrayBuffers") };
    process.send({ type: "memory", usage, collected: answers.every((a) => a.collected) });
  });
  // The channel must not keep the gateway alive, nor change how it shuts down.
  process.channel.unref();
}
