// Preloaded into the bench's profiled gateway (`node --import <this file>`, one process), never by
// production: profiles exactly the window the bench asks for over the IPC channel, so start-up
// (module loading, the supergraph's composition) stays out of the figures. "profile-start" starts
// V8's sampling profiler; "profile-stop" stops it, writes the profile to the given path and says so.
// Plain JavaScript: the gateway it is preloaded into runs compiled, under node without tsx.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";

if (process.send && process.channel) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  process.on("message", async (message) => {
    try {
      if (message?.type === "profile-start") {
        await post("Profiler.enable");
        await post("Profiler.start");
        process.send({ type: "profile-started" });
      } else if (message?.type === "profile-stop") {
        const { profile } = await post("Profiler.stop");
        writeFileSync(message.path, JSON.stringify(profile));
        process.send({ type: "profile-written", path: message.path });
      }
    } catch (error) {
      process.send({ type: "profile-failed", message: String(error) });
    }
  });
  process.channel.unref();
}
