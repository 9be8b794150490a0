// A local HTTP server that speaks the shipping context's internal judgeShippingSelection as it is
// specified (its request and answer shapes are libs/federation/src/shipping-judgement.ts): a
// GraphQL POST answered `{ "data": { "judgeShippingSelection": { refusal, selected } } }`. Each test says how it answers
// next (a judgement, an error response, a connection that never answers), can hold an answer until
// it lets go, and reads every request as it arrived (query, variables, the caller's identity).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { JudgedShipping, ShippingCartRequest, ShippingJudgement, ShippingRefusalCode, ShippingSelectionRequest } from "@trolley/federation";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";

export interface JudgeRequest {
  query: string;
  variables: { cart: ShippingCartRequest; selection: ShippingSelectionRequest };
  identity: Identity;
}

/** How the server answers a request. */
export type Reply =
  | { judgement: ShippingJudgement }
  /** Any JSON body, as is: for answers that are not a judgement. */
  | { body: unknown }
  | { status: number }
  /** Accepts the request and never answers (the caller's timeout ends it). */
  | "hang";

/** The option priced: 9.99, plus 5.00 per add-on. */
export const priced = (selection: ShippingSelectionRequest, currencyCode = "USD"): ShippingJudgement => {
  const addOns = selection.addOnIds.map((id) => ({ id, title: `Add-on ${id}`, priceMinor: "500" }));
  const selected: JudgedShipping = {
    optionId: selection.optionId,
    title: `Option ${selection.optionId}`,
    priceMinor: "999",
    currencyCode,
    deliveryDate: selection.deliveryDate,
    addOns,
    totalMinor: String(999 + 500 * addOns.length),
  };
  return { refusal: null, selected };
};

export const refused = (code: ShippingRefusalCode, message: string): ShippingJudgement => ({ refusal: { code, message, field: ["selection"] }, selected: null });

export async function startFakeShipping(internalSecret: string) {
  const requests: JudgeRequest[] = [];
  let reply: (request: JudgeRequest) => Reply = (request) => ({ judgement: priced(request.variables.selection) });
  let held: Promise<void> | null = null;
  let arrived: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const request: JudgeRequest = { query, variables, identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, internalSecret) };
    requests.push(request);
    for (const resolve of arrived.splice(0)) resolve();
    if (held) await held;
    const next = reply(request);
    if (next === "hang") return;
    if ("status" in next) answer(res, next.status, { errors: [{ message: "shipping is having a bad day" }] });
    else answer(res, 200, "judgement" in next ? { data: { judgeShippingSelection: next.judgement } } : next.body);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    requests,
    /** How every request from now on is answered. */
    answer(next: (request: JudgeRequest) => Reply) {
      reply = next;
    },
    /** Answers (from now on) each judgement as shipping's defaults: priced. */
    reset() {
      reply = (request) => ({ judgement: priced(request.variables.selection) });
      held = null;
    },
    /** Resolves when the next request has arrived. */
    nextRequest: () => new Promise<void>((resolve) => arrived.push(resolve)),
    /** Holds every answer until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        arrived = [];
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FakeShipping = Awaited<ReturnType<typeof startFakeShipping>>;
