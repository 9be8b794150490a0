// Preloaded into our gateway process by the bench (`node --expose-gc --import <this file>`), never
// by production: answers a "memory" message on the IPC channel with process.memoryUsage() taken
// after a full garbage collection, so the soak compares live heap rather than garbage. The
// gateway's own code is untouched; without an IPC channel (any other launch) this does nothing.
if (process.send && process.channel) {
  process.on("message", (message: unknown) => {
    if ((message as { type?: string } | null)?.type !== "memory") return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    process.send!({ type: "memory", collected: typeof gc === "function", usage: process.memoryUsage() });
  });
  // The channel must not keep the gateway alive, nor change how it shuts down.
  process.channel.unref();
}
