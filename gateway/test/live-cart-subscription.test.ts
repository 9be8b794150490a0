// One subscriber's pushes: signals that come while a push is being made fold into one more look,
// so a slow reader costs one held signal, never a queue; price and rule changes are pushed only
// when they changed what the subscriber sees.
import { describe, expect, it } from "vitest";
import type { ExecutionResult } from "graphql";
import type { CartUpdatePlan } from "../src/live-cart/cart-update-operation.js";
import type { LiveCartHub } from "../src/live-cart/live-cart-hub.js";
import { LiveCartSubscription } from "../src/live-cart/live-cart-subscription.js";

/** A hub that only records channels; a plan whose query answers what the test says, when it says. */
function fixture() {
  const channels = new Set<string>();
  const hub = {
    rules: "rules",
    channelOf: (t: { kind: string; id?: string }) => `${t.kind}:${t.id}`,
    watch: async (channel: string) => void channels.add(channel),
    unwatch: (channel: string) => void channels.delete(channel),
    subscribedWithin: async () => {},
  } as unknown as LiveCartHub;
  let answer = { total: "1.00" };
  let release: (() => void) | null = null;
  let runs = 0;
  const plan: CartUpdatePlan = {
    query: null as never,
    operationName: undefined,
    variables: undefined,
    assemble: (cause, result) => ({ result: { data: { cartUpdated: { cause, cart: result.data } } }, watched: { cartId: "c1", productIds: ["p1"] } }),
  };
  const run = async (): Promise<ExecutionResult> => {
    runs += 1;
    const seen = answer;
    // Each run waits until the test lets it answer: a slow query, or a socket still sending.
    await new Promise<void>((resolve) => (release = resolve));
    return { data: seen };
  };
  const subscription = new LiveCartSubscription({ plan, run, hub, rulesSettleMs: 0 });
  const answerNow = () => {
    release?.();
    release = null;
  };
  return { subscription, channels, answerNow, runs: () => runs, setAnswer: (total: string) => (answer = { total }) };
}

const causeOf = (result: IteratorResult<ExecutionResult>) => (result.value.data as { cartUpdated: { cause: string } }).cartUpdated.cause;
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

describe("a subscription", () => {
  it("pushes the cart on subscribing, then watches its cart and products", async () => {
    const { subscription, channels, answerNow } = fixture();
    const first = subscription.next();
    await until(() => channels.has("rules"));
    answerNow();
    expect(causeOf(await first)).toBe("SUBSCRIBED");
    expect([...channels].sort()).toEqual(["cart:c1", "product:p1", "rules"]);
  });

  it("folds a hundred changes that come during one push into one more push, with the newest cause", async () => {
    const { subscription, answerNow, runs } = fixture();
    const first = subscription.next();
    await until(() => runs() === 1);
    for (let i = 0; i < 100; i++) subscription.signal({ cause: i % 2 ? "ITEM_ADDED" : "QUANTITY_CHANGED", ifChanged: false });
    answerNow();
    await first;
    const second = subscription.next();
    await until(() => runs() === 2);
    answerNow();
    expect(causeOf(await second)).toBe("ITEM_ADDED");
    // One more change is one more run: the hundred made only the one above.
    subscription.signal({ cause: "CLEARED", ifChanged: false });
    const third = subscription.next();
    await until(() => runs() === 3);
    answerNow();
    expect(causeOf(await third)).toBe("CLEARED");
    await subscription.return();
  });

  it("pushes a price change only when the answer changed, and a cart change always", async () => {
    const { subscription, answerNow, runs, setAnswer } = fixture();
    const first = subscription.next();
    await until(() => runs() === 1);
    answerNow();
    await first;
    subscription.signal({ cause: "PRICE_CHANGED", ifChanged: true });
    const next = subscription.next();
    await until(() => runs() === 2);
    // The same answer: not pushed. A price change that changes it is.
    answerNow();
    setAnswer("0.80");
    subscription.signal({ cause: "PRICE_CHANGED", ifChanged: true });
    await until(() => runs() === 3);
    answerNow();
    expect(causeOf(await next)).toBe("PRICE_CHANGED");
    expect(runs()).toBe(3);
    subscription.signal({ cause: "CODE_CHANGED", ifChanged: false });
    const always = subscription.next();
    await until(() => runs() === 4);
    answerNow();
    expect(causeOf(await always)).toBe("CODE_CHANGED");
  });

  it("ends and lets go of its channels when returned, even while waiting", async () => {
    const { subscription, channels, answerNow } = fixture();
    const first = subscription.next();
    await until(() => channels.size > 0);
    answerNow();
    await first;
    const waiting = subscription.next();
    await subscription.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(channels.size).toBe(0);
  });
});
