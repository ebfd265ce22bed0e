# The production image: the compiled server on Node 20, run as an unprivileged user under an init process.
#   docker build -t scholargraph .
#   docker run -p 4000:4000 -v scholargraph-data:/app/.data scholargraph      (embedded database, demo data)
#   docker run -p 4000:4000 -e DATABASE_URL=postgres://… scholargraph        (a PostgreSQL server)

# Build: every dependency, compile to dist/, then drop the development dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --engine-strict
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY schema ./schema
COPY db ./db
COPY scripts ./scripts
COPY data ./data
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Run: the build, production dependencies and package.json only (no sources, no tsx).
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
# tini is PID 1: it forwards SIGTERM to node and reaps children, so `docker stop` drains the server.
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The embedded database (used when DATABASE_URL is unset) lives here; mount a volume to keep it.
RUN mkdir -p /app/.data && chown node:node /app/.data
VOLUME ["/app/.data"]
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The young generation sized as in package.json's start scripts (see README, Production).
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
