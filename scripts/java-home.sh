# Sourced by mvnw and the project's scripts (POSIX sh): exports JAVA_HOME pointing at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; else looks beside the default java and in the usual places.
# The JDK's "release" file names its version without starting it (each start costs a good part of a second on a
# busy machine); a JDK without one is asked.
_layanan_java_major() {
  if [ -f "$1/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release" | head -n 1)
    case "$_v" in
      1.*) echo "$_v" | cut -d. -f2; return 0 ;;
      [0-9]*) echo "$_v" | cut -d. -f1; return 0 ;;
    esac
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}
# Which JDK exactly (its folder and build): an AOT cache is only valid for the JDK that made it.
_layanan_jdk_stamp() {
  echo "$JAVA_HOME $(grep '^JAVA_RUNTIME_VERSION=' "$JAVA_HOME/release" 2>/dev/null)"
}
# Whether the AOT cache $2 may serve the jar $1 with $JAVA_HOME: JDK 25 or newer, made after the jar, by this JDK.
_layanan_aot_current() {
  [ -f "$2" ] && [ ! "$1" -nt "$2" ] && [ "$(_layanan_java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null \
    && [ "$(cat "$2.jdk" 2>/dev/null)" = "$(_layanan_jdk_stamp)" ]
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
