// The live cart's WebSocket side: graphql-ws on the gateway's /graphql. A socket authenticates
// once, with the token in `connectionParams.authorization`, and stays the caller it proved to be
// until the token expires (then it is closed with 4401). Only `cartUpdated` is served here:
// queries and mutations go over HTTP. Each subscription is a LiveCartSubscription, fed by this
// process's LiveCartHub. Bounded at every step: sockets per identity (across processes) and per
// process, subscriptions per socket, a heartbeat that drops sockets that stopped answering, and a
// send buffer past which a socket is dropped rather than allowed to grow.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { ApolloServer } from "@apollo/server";
import { GraphQLError, OperationTypeNode, getOperationAST, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema, type ValidationRule } from "graphql";
import { CloseCode, type Context as WsContext } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import type { BeforeParsing, Cors, Logger, ServiceMetrics, UpgradeEndpoint } from "@trolley/http";
import { tokenExpiry, type Caller, type TokenVerifier } from "@trolley/identity";
import { authenticate } from "../authenticate.js";
import type { GatewayContext } from "../identity-data-source.js";
import { callerKey, clientAddress } from "../rate-limit/caller-key.js";
import type { RateLimiter } from "../rate-limit/rate-limiter.js";
import { cartUpdatePlan, type CartUpdatePlan } from "./cart-update-operation.js";
import type { LiveCartHub } from "./live-cart-hub.js";
import { LiveCartSubscription } from "./live-cart-subscription.js";
import type { LiveSocketLimits } from "./live-socket-limits.js";

export interface LiveCartSettings {
  subscriptionsPerSocket: number;
  heartbeatMs: number;
  maxBufferedBytes: number;
  rulesSettleMs: number;
  maxPayloadBytes: number;
}

export interface LiveCartServerOptions {
  settings: LiveCartSettings;
  /** The API schema subscriptions are validated against (it follows supergraph reloads). */
  schema: () => GraphQLSchema | undefined;
  tokens: TokenVerifier;
  hub: LiveCartHub;
  limits: LiveSocketLimits;
  cors: Cors;
  /** The checks of a request's text before it is parsed (length, the safelist), as for HTTP. */
  beforeParsing: BeforeParsing[];
  validationRules: ValidationRule[];
  rateLimiter?: RateLimiter;
  trustProxy: boolean;
  logger: Logger;
  metrics: ServiceMetrics;
}

/** Close codes a client can act on (graphql-ws's own where it has one). */
const CLOSE = { unauthorized: CloseCode.Unauthorized, forbidden: CloseCode.Forbidden, tooMany: 4429, tooSlow: 4408 } as const;

interface SocketState {
  id: string;
  caller: Caller;
  context: Omit<GatewayContext, "requestId" | "logger">;
  subscriptions: number;
  expiry?: NodeJS.Timeout;
}

type Extra = { socket: WebSocket; request: IncomingMessage; state?: SocketState };

function liveCartMetrics(metrics: ServiceMetrics) {
  return {
    sockets: metrics.gauge("trolley_live_cart_sockets", "Live cart WebSockets open in this process."),
    subscriptions: metrics.gauge("trolley_live_cart_subscriptions", "Live cart subscriptions running in this process."),
    pushes: metrics.counter("trolley_live_cart_pushes_total", "Carts pushed to subscribers, by cause.", ["cause"]),
    unchanged: metrics.counter("trolley_live_cart_unchanged_total", "Price and rule changes looked at for a subscriber that did not change their cart (nothing pushed)."),
    closed: metrics.counter("trolley_live_cart_sockets_closed_total", "Live cart WebSockets this process closed, by reason.", ["reason"]),
    refused: metrics.counter("trolley_live_cart_refusals_total", "Live cart connections and subscriptions refused, by reason.", ["reason"]),
  };
}

export function liveCartServer(apollo: ApolloServer<GatewayContext>, options: LiveCartServerOptions): UpgradeEndpoint {
  const { settings, hub, limits, logger } = options;
  const metrics = liveCartMetrics(options.metrics);
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxPayloadBytes });
  const open = new Map<WebSocket, SocketState | undefined>();

  const refuseSocket = (socket: WebSocket, code: number, reason: string, label: string) => {
    metrics.refused.inc({ reason: label });
    socket.close(code, reason);
  };
  const drop = (socket: WebSocket, code: number, reason: string, label: string) => {
    metrics.closed.inc({ reason: label });
    socket.close(code, reason);
  };

  const run = (state: SocketState) => async (plan: CartUpdatePlan): Promise<ExecutionResult> => {
    const requestId = randomUUID();
    const response = await apollo.executeOperation(
      { query: plan.query, operationName: plan.operationName, variables: plan.variables ?? undefined },
      { contextValue: { ...state.context, requestId, logger: logger.child({ requestId }), liveCart: true } },
    );
    if (response.body.kind !== "single") return { errors: [new GraphQLError("The cart could not be read.")] };
    return response.body.singleResult as ExecutionResult;
  };

  const refuse = (message: string, code: string): readonly GraphQLError[] => [new GraphQLError(message, { extensions: { code } })];

  useServer<Record<string, unknown> | undefined, Extra>(
    {
      async onConnect(ctx: WsContext<Record<string, unknown> | undefined, Extra>) {
        const { socket, request } = ctx.extra;
        const authorization = ctx.connectionParams?.authorization;
        let identity;
        try {
          identity = await authenticate(typeof authorization === "string" ? authorization : undefined, options.tokens);
        } catch (error) {
          refuseSocket(socket, CLOSE.unauthorized, (error as Error).message.slice(0, 120), "token");
          return false;
        }
        if (identity.kind !== "user" && identity.kind !== "guest") {
          refuseSocket(socket, CLOSE.unauthorized, "Start a guest session or sign in: the token goes in connectionParams.authorization.", "anonymous");
          return false;
        }
        const id = randomUUID();
        const admission = await limits.admit(identity.subject, id);
        if (admission !== "admitted") {
          refuseSocket(socket, CLOSE.tooMany, admission === "identity-limit" ? "Too many live cart connections for this caller." : "This server holds all the connections it can.", admission);
          return false;
        }
        const address = clientAddress(request, options.trustProxy);
        const state: SocketState = { id, caller: identity, subscriptions: 0, context: { identity, clientAddress: address, callerKey: callerKey(identity, request, options.trustProxy) } };
        ctx.extra.state = state;
        open.set(socket, state);
        metrics.sockets.set(limits.sockets);
        const expiresAt = tokenExpiry(authorization as string);
        if (expiresAt) {
          state.expiry = setTimeout(() => drop(socket, CLOSE.unauthorized, "The token expired: connect again with a new one.", "token_expired"), Math.max(0, expiresAt.getTime() - Date.now()));
          state.expiry.unref();
        }
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        const state = ctx.extra.state!;
        const request = { query: payload.query, operationName: payload.operationName ?? undefined, variables: payload.variables ?? undefined, extensions: payload.extensions ?? undefined };
        for (const check of options.beforeParsing) {
          const refusal = check(request as never);
          if (refusal) return [refusal];
        }
        if (options.rateLimiter) {
          const status = await options.rateLimiter.hit(state.context.callerKey);
          if (status && !status.allowed) return refuse(`Too many requests; retry in ${status.resetSeconds} s.`, "RATE_LIMITED");
        }
        const schema = options.schema();
        if (!schema) return refuse("The gateway is not ready yet; retry shortly.", "SERVICE_UNAVAILABLE");
        let document: DocumentNode;
        try {
          document = parse(request.query!);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
        if (errors.length) return errors;
        const operation = getOperationAST(document, request.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return refuse("Only subscriptions are served over WebSocket: send queries and mutations over HTTP.", "BAD_REQUEST");
        }
        if (state.subscriptions >= settings.subscriptionsPerSocket) {
          metrics.refused.inc({ reason: "subscriptions" });
          return refuse(`At most ${settings.subscriptionsPerSocket} subscriptions per connection.`, "TOO_MANY_SUBSCRIPTIONS");
        }
        return { schema, document, operationName: request.operationName, variableValues: request.variables, contextValue: state };
      },
      subscribe(args) {
        const state = args.contextValue as SocketState;
        const plan = cartUpdatePlan(args.document, args.operationName, args.variableValues);
        state.subscriptions += 1;
        metrics.subscriptions.inc();
        return new LiveCartSubscription({
          plan,
          run: run(state),
          hub,
          rulesSettleMs: settings.rulesSettleMs,
          onPush: (cause) => metrics.pushes.inc({ cause }),
          onUnchanged: () => metrics.unchanged.inc(),
          onClose: () => {
            state.subscriptions -= 1;
            metrics.subscriptions.dec();
          },
        });
      },
      onNext(ctx) {
        // A reader that stopped reading lets the socket's buffer grow: past the bound it is
        // dropped (it may reconnect, and its first push is the cart as it is then).
        const { socket } = ctx.extra;
        if (socket.bufferedAmount > settings.maxBufferedBytes) drop(socket, CLOSE.tooSlow, "The connection reads too slowly.", "slow_reader");
      },
    },
    wss,
    // Our own heartbeat below counts what it drops.
    0,
  );

  wss.on("connection", (socket: WebSocket) => {
    let alive = true;
    socket.on("pong", () => {
      alive = true;
      const state = open.get(socket);
      if (state) limits.renew(state.caller.subject, state.id);
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        metrics.closed.inc({ reason: "heartbeat" });
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, settings.heartbeatMs);
    heartbeat.unref();
    open.set(socket, undefined);
    socket.once("close", () => {
      clearInterval(heartbeat);
      const state = open.get(socket);
      open.delete(socket);
      if (state) {
        clearTimeout(state.expiry);
        limits.release(state.caller.subject, state.id);
      }
      metrics.sockets.set(limits.sockets);
    });
  });

  return {
    handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer) {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const reject = (status: number, text: string) => socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      if (path !== "/graphql" && path !== "/") return reject(404, "Not Found");
      // A page on another site must not open a socket with the shopper's browser (the same origins as HTTP).
      if (options.cors.judge(req) === "refused") {
        metrics.refused.inc({ reason: "origin" });
        return reject(403, "Forbidden");
      }
      if (!limits.roomInProcess()) {
        metrics.refused.inc({ reason: "process-limit" });
        return reject(503, "Service Unavailable");
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    async close() {
      for (const socket of open.keys()) socket.close(1001, "The server is going away.");
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of open.keys()) socket.terminate();
    },
  };
}
