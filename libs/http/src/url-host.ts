// The host part of a URL that reaches a server listening on `host`: a wildcard address is reached
// on loopback from the same machine, and an IPv6 address needs brackets.
export const urlHost = (host: string) => (host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host);
