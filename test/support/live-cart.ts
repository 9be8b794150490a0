// A shopper's live cart as a client holds it: a graphql-ws client on the gateway's /graphql with
// the shopper's token, one cartUpdated subscription, and its pushes read one at a time. And a raw
// socket for what a well-behaved client would not do (connect without a token, stop reading).
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export const LIVE_CART = `subscription { cartUpdated { cause cart { id lines { productId quantity product { name price { amount } } } cost { total { amount } discountTotal { amount } } } } }`;

export const wsUrl = (gatewayUrl: string) => gatewayUrl.replace(/^http/, "ws");

export interface Push {
  data?: { cartUpdated: { cause: string; cart: any } } | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export class LiveCartClient {
  private readonly pushes: Push[] = [];
  private waiter: ((push: Push | Error) => void) | null = null;
  private readonly client: Client;
  private failure: Error | null = null;
  /** The code the gateway closed the socket with, once it did. */
  closedWith: number | null = null;
  private dispose: (() => void) | null = null;

  constructor(gatewayUrl: string, token: string | null, headers: Record<string, string> = {}) {
    this.client = createClient({
      url: wsUrl(gatewayUrl),
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      },
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: false,
      on: {
        closed: (event) => {
          this.closedWith = (event as { code?: number }).code ?? null;
          this.fail(new Error(`socket closed (${this.closedWith})`));
        },
      },
      onNonLazyError: () => {},
    });
  }

  /** Starts the subscription; `query` must select cartUpdated. */
  subscribe(query = LIVE_CART, variables?: Record<string, unknown>): this {
    this.dispose = this.client.subscribe<any>(
      { query, variables },
      {
        next: (push) => this.deliver(push as Push),
        error: (error) => this.fail(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => {},
      },
    );
    return this;
  }

  /** The next push, waiting for it up to `timeoutMs`. */
  next(timeoutMs = 10_000): Promise<Push> {
    const ready = this.pushes.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Push>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`no push within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = (push) => {
        clearTimeout(timer);
        this.waiter = null;
        if (push instanceof Error) reject(push);
        else resolve(push);
      };
    });
  }

  /** The next push's cause and cart, failing on errors. */
  async nextCart(timeoutMs?: number): Promise<{ cause: string; cart: any }> {
    const push = await this.next(timeoutMs);
    if (push.errors?.length) throw new Error(`push with errors: ${JSON.stringify(push.errors)}`);
    return push.data!.cartUpdated;
  }

  /** Pushes received and not read yet. */
  get unread(): number {
    return this.pushes.length;
  }

  async close() {
    this.dispose?.();
    await this.client.dispose();
  }

  private deliver(push: Push) {
    if (this.waiter) this.waiter(push);
    else this.pushes.push(push);
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.waiter?.(error);
  }
}

/** Opens a live cart and waits for its first push (SUBSCRIBED), after which every change reaches it. */
export async function openLiveCart(gatewayUrl: string, token: string, query = LIVE_CART): Promise<{ live: LiveCartClient; first: { cause: string; cart: any } }> {
  const live = new LiveCartClient(gatewayUrl, token).subscribe(query);
  const first = await live.nextCart();
  return { live, first };
}

/** A raw graphql-transport-ws socket: connects, sends connection_init with `params`, and tells how the gateway answered. */
export function rawSocket(gatewayUrl: string, params: Record<string, unknown> | null, headers: Record<string, string> = {}) {
  const socket = new WebSocket(wsUrl(gatewayUrl), "graphql-transport-ws", { headers });
  const messages: any[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  const unexpected = new Promise<number>((resolve) => socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)));
  socket.on("error", () => {});
  socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
  const opened = new Promise<void>((resolve) => socket.on("open", () => resolve()));
  void opened.then(() => params && socket.send(JSON.stringify({ type: "connection_init", payload: params })));
  const received = async (type: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${type} message within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { socket, messages, opened, closed, unexpected, received };
}
