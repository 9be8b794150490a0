# syntax=docker/dockerfile:1
# One image per process, all built on the same installed workspace. docker-compose.yml builds
# every target; by hand: `docker build --target catalog -t trolley-catalog .`
# There is no build step: tsx runs the TypeScript sources directly.

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
COPY gateway/package.json gateway/
# The root postinstall runs these scripts to generate each subgraph's Prisma client from prisma/
# (no database needed), so they and prisma/ must be in place before the install.
COPY scripts/prisma-all.mjs scripts/migrate-context.mjs scripts/
COPY prisma/ prisma/
# NODE_ENV stays unset here: tsx, prisma and the Prisma client are devDependencies and are needed
# at run time. No dependency build script runs (strictDepBuilds), so nothing is downloaded besides
# the packages themselves. The cache mount keeps the pnpm store across lockfile changes.
RUN --mount=type=cache,id=trolley-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --store-dir /pnpm/store

# .dockerignore keeps node_modules and the generated clients out, so this cannot overwrite them.
COPY . .

# What the five services share. The seed target is built from base, without a healthcheck.
FROM base AS service
ENV NODE_ENV=production
# The services only read /app (root-owned), so a compromised process cannot rewrite its own code.
USER node
# Slim images have no curl; node's fetch asks the readiness probe, which also checks the database.
# PORT is set by each target below, so the probe follows an overridden port too.
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Each subgraph applies its own context's migrations, and only those, before it starts: deploying
# one subgraph migrates one context. Safe to repeat (applied migrations are skipped); replicas that
# start together take turns on Prisma's advisory lock, and one that waits too long exits non-zero
# and is restarted. `exec` hands PID 1 to node, so the stop signal reaches the service.
FROM service AS catalog
ENV PORT=4001
EXPOSE 4001
CMD ["sh", "-c", "node scripts/migrate-context.mjs catalog && exec node --import tsx subgraphs/catalog/src/main.ts"]

FROM service AS cart
ENV PORT=4002
EXPOSE 4002
CMD ["sh", "-c", "node scripts/migrate-context.mjs cart && exec node --import tsx subgraphs/cart/src/main.ts"]

FROM service AS order
ENV PORT=4003
EXPOSE 4003
CMD ["sh", "-c", "node scripts/migrate-context.mjs order && exec node --import tsx subgraphs/order/src/main.ts"]

FROM service AS payment
ENV PORT=4004
EXPOSE 4004
CMD ["sh", "-c", "node scripts/migrate-context.mjs payment && exec node --import tsx subgraphs/payment/src/main.ts"]

FROM service AS gateway
ENV PORT=4000
EXPOSE 4000
CMD ["node", "--import", "tsx", "gateway/src/main.ts"]

# One-shot job for the demo stack: the demo catalog, once the catalog subgraph has migrated its
# context. Safe to repeat (the seed upserts and never resets stock). Not part of a production deploy.
FROM base AS seed
USER node
CMD ["node", "--import", "tsx", "prisma/catalog/seed.ts"]
