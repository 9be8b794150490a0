// A small local server that speaks Nager.Date's public holiday API as documented
// (GET /api/v3/PublicHolidays/{year}/{countryCode}: a JSON array of { date, localName, name,
// countryCode, global, counties, types }), for tests: nothing outside this machine is reachable.
// `mode` says how it behaves: answering, hanging (the connection stays open, nothing is sent),
// failing (HTTP 500), or answering with a body that is not its JSON.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type HolidayApiMode = "answer" | "hang" | "fail" | "garbage";

export interface NagerHoliday {
  date: string;
  localName: string;
  name: string;
  countryCode: string;
  global: boolean;
  counties: string[] | null;
  types: string[];
}

/** A Nager.Date entry: nationwide unless counties are given. */
export const holiday = (countryCode: string, date: string, name: string, counties: string[] | null = null): NagerHoliday => ({
  date,
  localName: name,
  name,
  countryCode,
  global: counties === null,
  counties,
  types: ["Public"],
});

export interface HolidayApiServer {
  url: string;
  mode: HolidayApiMode;
  /** Paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHolidayApi(holidays: NagerHoliday[], mode: HolidayApiMode = "answer"): Promise<HolidayApiServer> {
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const state: HolidayApiServer = { url: "", mode, requests: [], close: async () => {} };
  const server: Server = createServer((request, response) => {
    state.requests.push(request.url ?? "");
    const match = /^\/api\/v3\/PublicHolidays\/(\d{4})\/([A-Za-z]{2})$/.exec(request.url ?? "");
    if (state.mode === "hang") {
      hanging.add(response);
      return;
    }
    if (state.mode === "fail") {
      response.writeHead(500, { "content-type": "application/problem+json" }).end(JSON.stringify({ title: "Internal Server Error", status: 500 }));
      return;
    }
    if (state.mode === "garbage") {
      response.writeHead(200, { "content-type": "application/json" }).end("<html>maintenance</html>");
      return;
    }
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    const [, year, countryCode] = match;
    const answer = holidays.filter((entry) => entry.countryCode === countryCode.toUpperCase() && entry.date.startsWith(`${year}-`));
    response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(answer));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    hanging.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
