// CPU time of a process and everything it forked: a gateway is a supervisor and its workers
// (node:cluster for ours, --fork for Hive), all in the process group the bench started it in
// (processes.ts spawns each detached, so its group id is its pid). Read from /proc: user plus
// system time of every live process of the group. A worker that died during a run would take its
// time with it; the bench stops on any death (assertAlive), so that never goes uncounted.
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
function statFields(pid: string): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // Gone between the listing and the read.
  }
}

/** CPU seconds (user + system) used so far by the live processes of the group `groupId`; undefined where /proc is absent. */
export function groupCpuSeconds(groupId: number): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    // After the name: state(0) ppid(1) pgrp(2) ... utime(11) stime(12).
    if (!fields || Number(fields[2]) !== groupId) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / clockTicks();
}
