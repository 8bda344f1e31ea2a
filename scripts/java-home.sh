# Sourced by mvnw and the project's scripts (POSIX sh): exports JAVA_HOME pointing at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; else looks beside the default java and in the usual places.
_layanan_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
_layanan_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    _m=$(_layanan_java_major "$JAVA_HOME")
    if [ "${_m:-0}" -ge 21 ] 2>/dev/null; then
      return 0
    fi
  fi
  _best=""
  _best_major=0
  _default=""
  if command -v java >/dev/null 2>&1; then
    _default=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for _d in "$_default" "$(dirname "${_default:-/nonexistent}")"/* /usr/lib/jvm/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$_d" ] && [ -x "$_d/bin/javac" ] || continue
    _m=$(_layanan_java_major "$_d" 2>/dev/null)
    if [ "${_m:-0}" -ge 21 ] 2>/dev/null && [ "$_m" -gt "$_best_major" ]; then
      _best="$_d"
      _best_major="$_m"
    fi
  done
  if [ -z "$_best" ]; then
    echo "No JDK 21 or newer found: install one and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$_best"
  export JAVA_HOME
}
_layanan_pick_jdk || exit 1
PATH="$JAVA_HOME/bin:$PATH"
export PATH
