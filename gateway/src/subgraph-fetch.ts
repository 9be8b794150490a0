// The gateway's HTTP client for subgraph calls: undici's request API on a keep-alive pool. It skips
// the WHATWG streams and Response objects of global fetch, which showed in CPU profiles of the
// gateway under load, and answers the small part of the Fetch interface Apollo's data source reads.
import { Agent, request } from "undici";

const pool = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export async function subgraphFetch(url: string, init: { method?: string; headers?: Iterable<[string, string]> | Record<string, string>; body?: string }, timeoutMs: number): Promise<SubgraphResponse> {
  const headers = init.headers && Symbol.iterator in init.headers ? Object.fromEntries(init.headers as Iterable<[string, string]>) : (init.headers as Record<string, string> | undefined);
  const response = await request(url, {
    method: (init.method ?? "POST") as "POST",
    headers,
    body: init.body,
    dispatcher: pool,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = response.body.text();
  // A body that fails mid-way rejects when it is read; until then keep the rejection handled.
  text.catch(() => {});
  const header = (name: string) => {
    const value = response.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    ok: response.statusCode >= 200 && response.statusCode < 300,
    status: response.statusCode,
    statusText: String(response.statusCode),
    url,
    headers: { get: header },
    text: () => text,
    json: async () => JSON.parse(await text),
  };
}
