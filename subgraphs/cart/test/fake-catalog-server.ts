// A local HTTP server that answers the cart's one catalog question (a federation `_entities`
// lookup of products, see clients/catalog.client.ts) from products a test defines, with exactly the
// fields the cart's query selects, as a GraphQL server would. Unknown ids answer null.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeProduct {
  id: string;
  /** A decimal string, e.g. "19.99". */
  price: string;
  currencyCode?: string;
  availableQuantity?: number;
  weightGrams?: number;
}

export async function startFakeCatalog() {
  const products = new Map<string, FakeProduct>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const entities = (variables.representations as { id: string }[]).map(({ id }) => {
      const product = products.get(id);
      if (!product) return null;
      return {
        id,
        status: "ACTIVE",
        availableQuantity: product.availableQuantity ?? 100,
        price: { amount: product.price, currencyCode: product.currencyCode ?? "USD" },
        taxCategory: "STANDARD",
        category: null,
        weightGrams: product.weightGrams ?? 0,
      };
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { _entities: entities } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    add(product: FakeProduct) {
      products.set(product.id, product);
      return product.id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
