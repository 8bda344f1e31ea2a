#!/usr/bin/env bash
# Builds the service when needed and runs it. Without QUARKUS_DATASOURCE_JDBC_URL it starts its own
# PostgreSQL with its data in ./data (LAYANAN_DATA_DIR to change), loads the demo kabupaten on first start
# and prints the demo accounts once. Leading arguments that start with - go to the JVM, e.g. ./run.sh -Dquarkus.http.port=9090;
# the first that does not is a command of the service, with its own arguments after it, e.g.
# ./run.sh create-operator <username> [--force] or ./run.sh backup --to /srv/backup/today.zip (see the README).
# On JDK 25 or newer the first start after a build first records a start for the JDK's AOT cache
# (scripts/aot-cache.sh), which every later start reads; LAYANAN_AOT_CACHE=off starts without it.
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/java-home.sh
jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi
jvm=()
while [ $# -gt 0 ] && [[ "$1" == -* ]]; do
  jvm+=("$1")
  shift
done
aot=target/quarkus-app/app.aot
if [ "${LAYANAN_AOT_CACHE:-on}" != off ] && [ "$(_layanan_java_major "$JAVA_HOME")" -ge 25 ]; then
  # only before serving: a command such as create-operator does not wait for the recording
  if [ $# -eq 0 ] && ! _layanan_aot_current "$jar" "$aot"; then
    ./scripts/aot-cache.sh || true
  fi
  if _layanan_aot_current "$jar" "$aot"; then
    jvm=("-XX:AOTCache=$PWD/$aot" ${jvm[@]+"${jvm[@]}"})
  fi
fi
exec "$JAVA_HOME/bin/java" ${jvm[@]+"${jvm[@]}"} -jar "$PWD/$jar" "$@"
