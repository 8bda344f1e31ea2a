#!/usr/bin/env bash
# Makes the JDK's AOT cache of the packaged service, target/quarkus-app/app.aot (JDK 25 or newer): the JDK records
# one start of the service and keeps the classes it loaded and linked, which later starts with -XX:AOTCache=... read
# from the cache instead of the jars. ./run.sh makes it by itself at its first start after a build and uses it when
# present; run this to make it beforehand (e.g. when building an image). It answers 0 when the cache is there.
#
# The recorded start runs on a throwaway data folder (target/aot-training, with its own embedded PostgreSQL), on
# a free port, without the environment and the settings files of the working folder, and stops once it has
# answered its first calls (layanan.exit-when-ready).
set -euo pipefail
cd "$(dirname "$0")/.."
source ./scripts/java-home.sh
app="$PWD/target/quarkus-app"
jar="$app/quarkus-run.jar"
aot="$app/app.aot"
if [ ! -f "$jar" ]; then
  echo "No packaged service in $app: build it first (./mvnw package -DskipTests)." >&2
  exit 1
fi
if [ "$(_layanan_java_major "$JAVA_HOME")" -lt 25 ]; then
  echo "The AOT cache needs JDK 25 or newer; $JAVA_HOME is older. The service starts without it." >&2
  exit 1
fi
work="$PWD/target/aot-training"
rm -rf "$work" "$aot" "$aot.jdk"
mkdir -p "$work"
# a port nothing listens on (the recorded start calls itself on it)
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  port=$((port + 1))
done
echo "Recording a start of the service for the JDK's AOT cache (once per build; this start takes longer)..."
status=0
(cd "$work" && env -i PATH="$PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" "$JAVA_HOME/bin/java" \
  -XX:AOTCacheOutput="$aot.tmp" -Dlayanan.exit-when-ready=true -Dlayanan.data-dir="$work/data" \
  -Dquarkus.http.port="$port" -Dquarkus.management.port=0 -jar "$jar" >"$work/start.log" 2>&1) || status=$?
if [ "$status" -ne 0 ] || [ ! -s "$aot.tmp" ]; then
  rm -f "$aot.tmp"
  echo "Could not make the AOT cache (exit code $status, see $work/start.log); the service starts without it." >&2
  exit 1
fi
mv "$aot.tmp" "$aot"
_layanan_jdk_stamp > "$aot.jdk"
rm -rf "$work/data"
echo "AOT cache ready: $aot"
