#!/usr/bin/env bash
# Builds the service, runs the load benchmark against the packaged jar on a fresh embedded PostgreSQL,
# and writes docs/benchmarks.md. Extra arguments are passed to the load generator as -Dkey=value
# settings (see the top of bench/src/main/java/id/go/layanandesa/bench/LoadBench.java).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

echo "== building the service"
./mvnw -B -q package -DskipTests
mkdir -p target/bench
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/classpath.txt

echo "== running the benchmark"
exec java -cp "$(cat target/bench/classpath.txt)" "$@" \
  bench/src/main/java/id/go/layanandesa/bench/LoadBench.java
