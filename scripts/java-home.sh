#!/usr/bin/env bash
# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; else looks beside the default java.
_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(_java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  local candidates=()
  if command -v java >/dev/null 2>&1; then
    local default_home
    default_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$default_home")
    for d in "$(dirname "$default_home")"/*; do candidates+=("$d"); done
  fi
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local best="" best_major=0 major
  for d in "${candidates[@]}"; do
    [ -x "$d/bin/javac" ] || continue
    major=$(_java_major "$d" 2>/dev/null || echo 0)
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$d"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "No JDK 21 or newer found: install one and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
