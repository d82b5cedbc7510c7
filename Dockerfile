# syntax=docker/dockerfile:1
# fabric-temporal worker image (also runs the Fabric emulator for the local stack).
#   docker build -t fabric-temporal .
#   docker run --env-file .env fabric-temporal                                   # the worker
#   docker run -p 8080:8080 fabric-temporal node dist/emulator/main.js --host 0.0.0.0 --port 8080
# Pinned to a release (Node 24 LTS on Debian 12); bump deliberately.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# ---- build: all dependencies, TypeScript → dist/ --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the package's `prepare` (the build) needs the sources, copied below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc → dist/, then the prebuilt workflow bundles (dist/workflow-bundle*.js)
RUN npm run build

# ---- runtime: production dependencies and dist/ only, non-root -------------------------------
FROM ${NODE_IMAGE} AS runtime
# ca-certificates: TLS to Fabric, Microsoft Entra ID and Temporal Cloud. Left unpinned on purpose so
# a rebuild picks up Debian's certificate updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# The package declares @temporalio/* as peer dependencies (dev dependencies of the clone). The image
# is the application, so here they become its dependencies, at the versions package-lock.json pins.
RUN node -e "const fs = require('fs'); const p = require('./package.json'); \
      for (const name of Object.keys(p.peerDependencies)) { p.dependencies[name] = p.devDependencies[name]; delete p.devDependencies[name]; } \
      fs.writeFileSync('package.json', JSON.stringify(p, null, 2));" \
    && npm install --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force
COPY --from=build /app/dist ./dist
# The node image's unprivileged "node" user (numeric, so Kubernetes runAsNonRoot can verify it).
USER 1000:1000
# /metrics and /healthz when FABRIC_METRICS_ADDRESS=0.0.0.0:9464
EXPOSE 9464
CMD ["node", "dist/worker.js"]
