#!/usr/bin/env bash
# Builds the service and the load generator, runs the benchmark against the packaged jar on a fresh
# embedded PostgreSQL, and writes docs/benchmarks.md (a smoke or partial run writes target/bench/benchmarks.md).
#
#   bench/run.sh                                  every figure, about 10 minutes
#   bench/run.sh -Dbench.figures=filing,claim     only these figures (names: bench/src/main/java/.../figure/Registry.java)
#   bench/run.sh --smoke                          every figure at tiny sizes, one round: about a minute after the build
#   bench/run.sh --no-build ...                   reuse the last build
#
# Other arguments go to the load generator's JVM: -Dkey=value settings (listed at the top of
# bench/src/main/java/id/go/layanandesa/bench/LoadBench.java) or JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --smoke) args+=("-Dbench.smoke=true") ;;
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "== building the service and the load generator"
  ./mvnw -B -q -Pbench package -DskipTests
fi
if [ ! -f target/bench/classpath.txt ] || [ ! -d target/bench-classes ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "no build to run: run bench/run.sh without --no-build first" >&2
  exit 1
fi

# The service starts as README starts it, with ./run.sh; its AOT cache (JDK 25 or newer) is recorded here, once
# per build, so that the first start's figure is the service's own.
if [ "$(_layanan_java_major "$JAVA_HOME")" -ge 25 ] \
    && ! _layanan_aot_current target/quarkus-app/quarkus-run.jar target/quarkus-app/app.aot; then
  echo "== recording the service's AOT cache"
  scripts/aot-cache.sh || true
fi

echo "== running the benchmark"
exec java -cp "target/bench-classes:$(cat target/bench/classpath.txt)" ${args[@]+"${args[@]}"} \
  id.go.layanandesa.bench.LoadBench
