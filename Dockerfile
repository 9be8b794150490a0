# syntax=docker/dockerfile:1
# One image per process. A build stage installs the whole workspace and compiles it (`pnpm build`);
# each service image then holds only its compiled package and its production dependencies
# (`pnpm deploy --prod`), and runs it with plain node: no tsx, no TypeScript, no dev dependencies.
# docker-compose.yml builds every image; by hand: `docker build --target gateway -t trolley-gateway .`
# (a subgraph: see the `subgraph` stage)
# `node scripts/image-sizes.mjs` measures what each image adds to the node base (README, Docker).

FROM node:20-bookworm-slim AS base
# Same version as "packageManager" in package.json, so pnpm never tries to switch itself.
RUN npm install -g pnpm@10.34.9
WORKDIR /app

# Manifests before sources, so editing code does not re-run the install. --frozen-lockfile fails
# unless every workspace package is here: a new package under libs/ or subgraphs/ must be added.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY patches/ patches/
COPY libs/config/package.json libs/config/
COPY libs/errors/package.json libs/errors/
COPY libs/federation/package.json libs/federation/
COPY libs/http/package.json libs/http/
COPY libs/identity/package.json libs/identity/
COPY libs/outbox/package.json libs/outbox/
COPY libs/telemetry/package.json libs/telemetry/
COPY libs/testing/package.json libs/testing/
COPY subgraphs/catalog/package.json subgraphs/catalog/
COPY subgraphs/cart/package.json subgraphs/cart/
COPY subgraphs/order/package.json subgraphs/order/
COPY subgraphs/payment/package.json subgraphs/payment/
COPY subgraphs/pricing/package.json subgraphs/pricing/
COPY subgraphs/shipping/package.json subgraphs/shipping/
COPY gateway/package.json gateway/
COPY storefront/package.json storefront/
# The root postinstall runs these scripts to generate each subgraph's Prisma client from prisma/
# (no database needed), so they and prisma/ must be in place before the install.
COPY scripts/prisma-all.mjs scripts/migrate-context.mjs scripts/
COPY prisma/ prisma/
# Every dependency, dev ones included (TypeScript, tsx for the demo seed). No dependency build script
# runs (strictDepBuilds), so nothing is downloaded besides the packages themselves. The cache mount
# keeps the pnpm store across lockfile changes.
RUN --mount=type=cache,id=trolley-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

# .dockerignore keeps node_modules, dist and the generated clients out, so this cannot overwrite them.
COPY . .

FROM base AS build
# JavaScript with source maps in each package's dist/, the generated Prisma clients included.
RUN pnpm build
# One folder per service: its package (dist/, package.json) and its production dependencies, the
# workspace libs among them as their compiled dist/, installed from the lockfile with the patches.
# The subgraphs also get their own context's migrations and the script that applies them (the
# prisma CLI that runs them is one of their dependencies). The Prisma client needs no engine file:
# its WASM query compiler ships inside @prisma/client's runtime.
RUN --mount=type=cache,id=trolley-pnpm-store,target=/pnpm/store \
    for service in catalog cart order payment pricing shipping gateway; do \
      pnpm --config.inject-workspace-packages=true --store-dir /pnpm/store \
        --filter "@trolley/$service" deploy --prod "/deploy/$service" && rm "/deploy/$service/pnpm-lock.yaml" || exit 1; \
    done && \
    for context in catalog cart order payment pricing shipping; do \
      mkdir -p "/deploy/$context/prisma" "/deploy/$context/scripts" && \
      cp -r "prisma/$context" prisma/context-config.ts "/deploy/$context/prisma/" && \
      cp scripts/migrate-context.mjs "/deploy/$context/scripts/" || exit 1; \
    done

# What the seven services share: the plain node image, no pnpm, no build tools.
FROM node:20-bookworm-slim AS service
ENV NODE_ENV=production
WORKDIR /app
# The files stay root-owned and the process runs as node: a compromised process cannot rewrite its
# own code.
USER node
# Slim images have no curl: node's fetch asks the liveness probe. PORT is set by each target below,
# so the probe follows an overridden port too. The start period covers the migrations a subgraph
# applies before it listens.
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Every subgraph image is this one stage, built per context with its build arguments
# (docker-compose.yml: `args: { CONTEXT: catalog, PORT: "4001" }`; by hand:
# `docker build --target subgraph --build-arg CONTEXT=catalog --build-arg PORT=4001 .`), so a new
# context needs no stage of its own. It applies its own context's migrations, and only those,
# before it starts: deploying one subgraph migrates one context. Safe to repeat (applied migrations
# are skipped); replicas that start together take turns on Prisma's advisory lock, and one that
# waits too long exits non-zero and is restarted. `exec` makes node PID 1, so SIGTERM from
# `docker stop` reaches the service, which drains and exits by itself (runUntilSignal). The
# condition makes @trolley/* load their dist/.
FROM service AS subgraph
ARG CONTEXT
ARG PORT
COPY --from=build /deploy/${CONTEXT} /app
ENV CONTEXT=${CONTEXT} PORT=${PORT}
EXPOSE ${PORT}
CMD ["sh", "-c", "node scripts/migrate-context.mjs \"$CONTEXT\" && exec node --enable-source-maps --conditions=trolley-compiled dist/main.js"]

FROM service AS gateway
COPY --from=build /deploy/gateway /app
ENV PORT=4000
EXPOSE 4000
CMD ["node", "--enable-source-maps", "--conditions=trolley-compiled", "dist/main.js"]

# One-shot job for the demo stack: the demo catalog, then its tax rates and promotions (which name
# the catalog's products), then the shipping options, once the catalog, pricing and shipping
# subgraphs have migrated their contexts. Safe to repeat (the seeds upsert and never reset stock or
# code uses). A demo tool, not part of a production deploy: it runs from the full workspace, with tsx.
FROM base AS seed
USER node
CMD ["sh", "-c", "node --import tsx prisma/catalog/seed.ts && node --import tsx prisma/pricing/seed.ts && exec node --import tsx prisma/shipping/seed.ts"]
