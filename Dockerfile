# The Care Futures CLI as a container image, for batch runs (docs/scaling.md).
#   docker build -t care-futures .
#   docker run --rm care-futures sim scenarios/paradigm-shift.json --months 12 --scale 0.1
#   docker run --rm -v "$PWD/results:/results" care-futures merge /results/part-*.json --out /results/all.json
#   docker run --rm -v "$PWD/results:/results" care-futures experiment experiments/early-help-budget-sweep.json --out /results/sweep
# The first argument is the command (sim, compare, merge, experiment); the rest are its usual arguments.

# Node 20: the major the tests and CI use (package.json "engines").
ARG NODE_IMAGE=node:20-bookworm-slim

# Stage 1: install the dependencies from the lockfile and bundle the CLI (scripts/build-cli.ts).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: nothing here needs an install script (esbuild's binary comes as an optional
# dependency), and none should run at build time.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY sim sim
COPY scripts scripts
COPY scenarios scenarios
COPY experiments experiments
RUN npm run build:cli

# Stage 2: only Node, the bundle, the shipped scenarios and experiments (an experiment names its
# scenarios relative to itself: ../scenarios/...). The bundle holds every dependency but
# the run pool's (tinypool, copied below); it must stay two folders below /app to find /app/scenarios.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/build/cli build/cli
# The run pool's library starts threads from its own files, so it stays outside the bundle (scripts/build-cli.ts).
COPY --from=build /src/node_modules/tinypool node_modules/tinypool
COPY --from=build /src/scenarios scenarios
COPY --from=build /src/experiments experiments
# The node image's unprivileged user (uid 1000); results go to a mounted folder such as /results.
USER node
ENTRYPOINT ["node", "/app/build/cli/run.mjs"]
CMD ["sim", "--help"]
