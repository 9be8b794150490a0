// An identity provider's key endpoint, as small as it gets: serves the keys it is given as a JSON
// Web Key Set and counts how often it was asked, so tests can rotate keys and see every fetch.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SigningKey } from "@trolley/testing";

export async function startJwksServer(keys: SigningKey[]) {
  let published = keys;
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`,
    /** How many times the key set was fetched so far. */
    get fetches() {
      return fetches;
    },
    /** The provider's new key set, e.g. after a rotation. */
    publish(next: SigningKey[]) {
      published = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
