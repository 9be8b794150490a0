// The three persisted query modes (PERSISTED_QUERIES): `apq`, Apollo's automatic persisted queries
// with the cache in Redis; `safelist`, only the operations of the manifest; `off`, full text only.
import type { PersistedQueryOptions } from "@apollo/server";
import { Kind, parse } from "graphql";
import type { RedisClient } from "@trolley/outbox";
import type { Logger } from "@trolley/http";
import type { GatewayConfig } from "../config.js";
import { RedisOutage } from "../redis-outage.js";
import type { BeforeParsing } from "@trolley/http";
import { loadPersistedQueryManifest } from "./persisted-query-manifest.js";
import { RedisQueryCache } from "./redis-query-cache.js";
import { safelist } from "./safelist.js";

export interface PersistedQueries {
  beforeParsing: BeforeParsing[];
  /** The names of the registered operations (safelist mode): each keeps its own metrics label. */
  operationNames: string[];
  /** Apollo Server's `persistedQueries` option, over the gateway's Redis client. */
  apolloOptions(redis: RedisClient): PersistedQueryOptions | false;
}

/** Reads the safelist manifest in safelist mode: a missing or bad one stops the start here, before anything is opened. */
export function persistedQueries(config: GatewayConfig, logger: Logger): PersistedQueries {
  switch (config.PERSISTED_QUERIES) {
    case "apq": {
      const ttl = Math.ceil(config.PERSISTED_QUERY_TTL / 1000);
      return {
        beforeParsing: [],
        operationNames: [],
        apolloOptions: (redis) => ({ cache: new RedisQueryCache(redis, ttl, new RedisOutage("persisted queries", logger)), ttl }),
      };
    }
    case "safelist": {
      const manifest = loadPersistedQueryManifest(config.PERSISTED_QUERY_MANIFEST);
      return { beforeParsing: [safelist(manifest)], operationNames: operationNamesOf(manifest.values()), apolloOptions: () => false };
    }
    case "off":
      return { beforeParsing: [], operationNames: [], apolloOptions: () => false };
  }
}

function operationNamesOf(bodies: Iterable<string>): string[] {
  const names: string[] = [];
  for (const body of bodies) {
    for (const definition of parse(body).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
    }
  }
  return names;
}
