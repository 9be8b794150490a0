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
