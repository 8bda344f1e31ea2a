#!/usr/bin/env bash
# Builds the service and the load generator, runs the benchmark against the packaged jar on a fresh
# embedded PostgreSQL, and writes docs/benchmarks.md. Extra arguments go to the load generator's JVM:
# -Dkey=value settings (listed at the top of bench/src/main/java/id/go/layanandesa/bench/LoadBench.java)
# or JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

echo "== building the service and the load generator"
./mvnw -B -q -Pbench package -DskipTests

echo "== running the benchmark"
exec java -cp "target/bench-classes:$(cat target/bench/classpath.txt)" "$@" \
  id.go.layanandesa.bench.LoadBench
