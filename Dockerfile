# syntax=docker/dockerfile:1
# fabric-temporal worker image (also runs the Fabric emulator for the local stack).
#   docker build -t fabric-temporal .
#   docker run --env-file .env fabric-temporal                                   # the worker
#   docker run -p 8080:8080 fabric-temporal node dist/emulator/main.js --host 0.0.0.0 --port 8080
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, TypeScript → dist/ --------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
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
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The node image's unprivileged "node" user (numeric, so Kubernetes runAsNonRoot can verify it).
USER 1000:1000
# /metrics and /healthz when FABRIC_METRICS_ADDRESS=0.0.0.0:9464
EXPOSE 9464
CMD ["node", "dist/worker.js"]
