#!/usr/bin/env bash
# Builds the browser example (tests skipped) and runs it: examples/browser/run.sh, then open http://localhost:8088/
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mvn -B -q -f "$root/pom.xml" package -DskipTests -pl examples/browser -am >&2
exec java -jar "$root/examples/browser/target/browser-example.jar" "$@"
