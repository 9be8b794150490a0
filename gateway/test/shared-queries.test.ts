// Identical queries in flight share one subgraph call, and only identical ones for one caller. A
// local subgraph stand-in holds each answer until the test lets it go, so the second query is
// sent while the first is certainly still on its way.
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, type Identity } from "@trolley/identity";
import { PRODUCTION_INTERNAL_SECRET } from "@trolley/testing";
import { subgraphQuery, type GatewayContext } from "../src/identity-data-source.js";
import { IdentitySignatures } from "../src/identity-signatures.js";
import { sharedInFlight } from "../src/single-fetch/shared-queries.js";

const held: { body: string; res: ServerResponse }[] = [];
const arrivals: (() => void)[] = [];
const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  held.push({ body, res });
  arrivals.shift()?.();
});
let url: string;

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Resolves when the stand-in has received its next request. */
const nextArrival = () => new Promise<void>((resolve) => arrivals.push(resolve));
const answerAll = () => {
  for (const { body, res } of held.splice(0)) res.writeHead(200, { "content-type": "application/json" }).end(`{"data":{"echo":${JSON.stringify(body)}}}`);
};
const context = (identity: Identity) => ({ identity, requestId: "r" }) as GatewayContext;

describe("identical queries in flight", () => {
  const shared: number[] = [];
  let query: ReturnType<typeof sharedInFlight>;
  beforeAll(() => {
    query = sharedInFlight(subgraphQuery({ urls: { catalog: url }, timeoutMs: 5_000, signatures: new IdentitySignatures(PRODUCTION_INTERNAL_SECRET) }), () => void shared.push(1));
  });

  it("share one subgraph call", async () => {
    const arrived = nextArrival();
    const first = query("catalog", '{"query":"{ a }"}', context(anonymous));
    await arrived;
    const second = query("catalog", '{"query":"{ a }"}', context(anonymous));
    answerAll();
    expect(await first).toBe(await second);
    expect(shared).toHaveLength(1);
  });

  it("are never shared across callers, texts or variables, nor once the first has been answered", async () => {
    shared.length = 0;
    const alice: Identity = { kind: "user", subject: "alice", roles: ["customer"] };
    const bob: Identity = { kind: "user", subject: "bob", roles: ["customer"] };
    const calls = [
      [alice, '{"query":"{ cart { id } }"}'],
      [bob, '{"query":"{ cart { id } }"}'],
      [alice, '{"query":"{ b }"}'],
      [alice, '{"query":"{ cart { id } }","variables":{"x":1}}'],
    ] as const;
    const answers = [];
    for (const [identity, body] of calls) {
      const arrived = nextArrival();
      answers.push(query("catalog", body, context(identity)));
      await arrived;
    }
    expect(held).toHaveLength(4);
    answerAll();
    await Promise.all(answers);
    // Answered: the next identical query makes a call of its own.
    const arrived = nextArrival();
    const again = query("catalog", calls[0][1], context(alice));
    await arrived;
    answerAll();
    await again;
    expect(shared).toHaveLength(0);
  });
});
