// What every subgraph process is made of besides its own domain: a logger, a clock, a Redis
// client, its metrics, the background work (with the context's events wired in) and, last, the
// served schema. An app's startX builds one, adds its services, consumers and jobs, and serves:
//
//   const runtime = new ContextRuntime({ context: "cart", schema: "cart", stream: "cart-events", config, db, clock });
//   runtime.events.consume("order-events", new OrderEventsHandler(...));
//   runtime.background.every("cart housekeeping", config.CART_HOUSEKEEPING_INTERVAL, () => housekeeping.runOnce());
//   const server = await runtime.serve({ schema, context, background: options.background });
import type { BaseContext } from "@apollo/server";
import {
  BackgroundWork,
  createLogger,
  ServiceMetrics,
  startSubgraph,
  systemClock,
  type Clock,
  type Logger,
  type LogLevel,
  type RunningHttpServer,
  type StartSubgraphOptions,
  type SubgraphDatabase,
  type SubgraphServingConfig,
} from "@trolley/http";
import { ContextEvents, type EventSettings } from "./context-events.js";
import { createRedis, type RedisClient } from "./create-redis.js";
import type { TransactionalSqlClient } from "./sql-client.js";

export interface ContextRuntimeOptions {
  /** The context's name: its logs, metrics and consumer group, e.g. "cart". */
  context: string;
  /** Its Postgres schema, e.g. "orders". */
  schema: string;
  /** Its own stream, e.g. "order-events". */
  stream: string;
  config: EventSettings & SubgraphServingConfig & { LOG_LEVEL: LogLevel; PORT: number };
  db: TransactionalSqlClient & SubgraphDatabase;
  /** The clock of business time; the system's unless a test moves it. */
  clock?: Clock;
}

export class ContextRuntime {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly redis: RedisClient;
  readonly metrics: ServiceMetrics;
  readonly background: BackgroundWork;
  readonly events: ContextEvents;

  constructor(private readonly options: ContextRuntimeOptions) {
    const { context, config, db } = options;
    this.logger = createLogger(context, config.LOG_LEVEL);
    this.clock = options.clock ?? systemClock;
    this.redis = createRedis(config);
    this.metrics = new ServiceMetrics(context);
    this.background = new BackgroundWork(this.logger);
    this.events = this.background.add(
      new ContextEvents({
        context,
        db,
        schema: options.schema,
        stream: options.stream,
        redis: this.redis,
        settings: config,
        logger: this.logger,
        metrics: this.metrics,
        schedule: this.background.every.bind(this.background),
      }),
    );
  }

  /**
   * Starts the background work (unless `background` is false: tests drive it themselves), then
   * serves the schema. A server that cannot start, or that closes, stops the background work and
   * releases Redis and the database (startSubgraph).
   */
  async serve<C extends BaseContext>(
    serving: Pick<StartSubgraphOptions<C>, "schema" | "context" | "routes"> & { background?: boolean; beforeStop?: () => Promise<void> },
  ): Promise<RunningHttpServer> {
    const { context, config, db } = this.options;
    if (serving.background !== false) this.background.start();
    return startSubgraph<C>({
      name: context,
      schema: serving.schema,
      context: serving.context,
      routes: serving.routes,
      port: config.PORT,
      config,
      logger: this.logger,
      metrics: this.metrics,
      db,
      redis: this.redis,
      beforeDisconnect: async () => {
        await serving.beforeStop?.();
        await this.background.stop();
      },
    });
  }
}
