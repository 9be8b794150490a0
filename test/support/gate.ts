/** A barrier a test opens by hand: code under test waits on `opened`; the test sees `entered` when it got there. */
export function gate() {
  let enter!: () => void;
  let open!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    /** Resolves once code reached the gate. */
    entered,
    opened,
    /** Called by the code under test: marks it arrived and waits for open(). */
    async pass(): Promise<void> {
      enter();
      await opened;
    },
    open,
  };
}

/** A barrier for `parties` callers: each `arrive()` waits until all of them have arrived. */
export function barrier(parties: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return {
    async arrive(): Promise<void> {
      if (++arrived === parties) release();
      await all;
    },
  };
}
