// Where the gateway is: read once from /config.json before the app renders, so one build serves
// any deployment (and the browser tests, whose gateway listens on a free port).
export interface RuntimeConfig {
  graphqlUrl: string;
  subscriptionsUrl: string;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (!config.graphqlUrl) throw new Error("/config.json has no graphqlUrl");
  return { graphqlUrl: config.graphqlUrl, subscriptionsUrl: config.subscriptionsUrl ?? config.graphqlUrl.replace(/^http/, "ws") };
}
