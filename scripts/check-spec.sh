#!/usr/bin/env bash
# Checks the committed OpenAPI spec as integrators' tools see it: Spectral (spectral:oas) and Redocly (recommended)
# must report no error and no warning, and the TypeScript client generated from it must compile with tsc.
# Usage: scripts/check-spec.sh SPEC_JSON [TYPESCRIPT_CLIENT_DIR]
# The pinned tools (scripts/spec-tools/package-lock.json) are installed once with npm into
# ${XDG_CACHE_HOME:-~/.cache}/layanan-desa/spec-tools/. Without Node.js the check is skipped with a warning,
# except in CI (CI=true), where it fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
spec="$1"; ts="${2:-}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "check-spec: Node.js and npm are needed to lint the spec in CI" >&2; exit 1
  fi
  echo "check-spec: WARNING: Node.js/npm not found; the spec was not linted (install Node.js 20+ to check it)" >&2; exit 0
fi
lock="$here/spec-tools/package-lock.json"
tools="${XDG_CACHE_HOME:-$HOME/.cache}/layanan-desa/spec-tools/$(sha256sum "$lock" | cut -c1-12)"
if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ ! -x "$tools/node_modules/.bin/redocly" ] || [ ! -x "$tools/node_modules/.bin/tsc" ]; then
  mkdir -p "$tools"
  cp "$here/spec-tools/package.json" "$lock" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --silent >/dev/null)
fi
bin="$tools/node_modules/.bin"
failed=0

# Spectral: --fail-severity=warn makes a warning fail too.
if ! "$bin/spectral" lint --quiet --ruleset "$here/spec-tools/spectral.yaml" --fail-severity=warn -f text "$spec"; then
  echo "check-spec: Spectral (spectral:oas) reports problems" >&2; failed=1
else
  echo "check-spec: Spectral (spectral:oas): 0 errors, 0 warnings"
fi

# Redocly fails on errors only; count warnings from its JSON report.
report="$(mktemp)"
NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$bin/redocly" lint "$spec" --config "$here/spec-tools/redocly.yaml" --format=json >"$report" 2>/dev/null || true
counts="$(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const p = r.problems || [];
  const e = p.filter(x => x.severity === "error").length, w = p.filter(x => x.severity === "warn").length;
  for (const x of p) console.error(`  ${x.severity} ${x.ruleId}: ${x.message} at ${(x.location && x.location[0] && x.location[0].pointer) || ""}`);
  console.log(e + " " + w);' "$report")"
rm -f "$report"
read -r errors warnings <<<"$counts"
if [ "$errors" != "0" ] || [ "$warnings" != "0" ]; then
  echo "check-spec: Redocly (recommended): $errors errors, $warnings warnings" >&2; failed=1
else
  echo "check-spec: Redocly (recommended): 0 errors, 0 warnings"
fi

# The generated TypeScript client compiles, strictly.
if [ -n "$ts" ]; then
  cat >"$ts/tsconfig.check.json" <<JSON
{ "compilerOptions": { "target": "ES2020", "lib": ["ES2020", "DOM"], "module": "ES2020", "moduleResolution": "node",
    "strict": true, "noEmit": true, "skipLibCheck": false }, "include": ["./**/*.ts"] }
JSON
  if "$bin/tsc" -p "$ts/tsconfig.check.json"; then
    echo "check-spec: TypeScript client (typescript-fetch) compiles with tsc $("$bin/tsc" --version | cut -d' ' -f2)"
  else
    echo "check-spec: the generated TypeScript client does not compile" >&2; failed=1
  fi
fi
exit $failed
