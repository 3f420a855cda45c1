# Biên Bản as a container image. The build runs the README's production commands (Quick start):
# `npm ci`, then `npm run build`; the image runs `npm start`. tests/unit/deployment.test.ts checks that
# these stay the README's commands.
#
#   docker build -t bienban .
#   docker run -p 3000:3000 -v bienban-data:/var/lib/bienban bienban      # one instance, SQLite
#
# compose.yaml runs two instances on PostgreSQL and Redis behind Caddy.

# ---- build: the pages, the compiled server and CLI, then production packages only ----------------
FROM node:20-bookworm-slim AS build

# better-sqlite3 is a native addon: when no prebuilt binary fits, npm ci compiles it with these.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

ENV NEXT_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# The packages first, so that a change to the source reuses this layer.
COPY package.json package-lock.json .npmrc ./
RUN npm ci

COPY . .
RUN npm run build

# Development packages (TypeScript, esbuild, vitest, …) stay behind; the compiled native addons stay.
# Next's build cache is not needed to serve.
RUN npm prune --omit=dev && rm -rf .next/cache

# ---- runtime ----------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime

# npm runs a script through `sh -c`; Debian's sh (dash) keeps itself between npm and node, and when
# npm passes SIGTERM on, dash dies of it and node never hears it. bash replaces itself with node, so
# node gets the SIGTERM and shuts down gracefully (server/main.ts) while npm waits for it.
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    npm_config_script_shell=/bin/bash \
    PORT=3000 \
    DATA_DIR=/var/lib/bienban/data
WORKDIR /app

# What the compiled server reads at run time (README, "What production runs"): the pages (.next/),
# public/, the shipped templates, package.json (npm start, the version in backups), next.config.js
# (Next's configuration, and how the server finds this directory) and node_modules. Owned by root:
# the service reads them and writes only under DATA_DIR.
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
COPY --from=build /app/server/templates ./server/templates

# The volume is mounted one level above DATA_DIR: `npm run cli -- restore` swaps the data directory
# with a rename, which a mount point refuses (README, "Backups").
RUN mkdir -p /var/lib/bienban && chown node:node /var/lib/bienban
VOLUME ["/var/lib/bienban"]

USER node
EXPOSE 3000

# Liveness: /healthz answers 200 as soon as the process serves requests (README, "Monitoring").
# The compiled server answers it about 5 s after it starts (README, "What production runs").
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# On SIGTERM the server stops taking connections, answers /readyz with 503, stores every open
# document, closes the websockets with 1001 (clients reconnect elsewhere) and exits, within 15 s.
STOPSIGNAL SIGTERM
CMD ["npm", "start"]
