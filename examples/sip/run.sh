#!/usr/bin/env bash
# Builds the SIP example (tests skipped) and runs it: examples/sip/run.sh [--host 127.0.0.1] [--port 5060]
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mvn -B -q -f "$root/pom.xml" package -DskipTests -pl examples/sip -am >&2
exec java -jar "$root/examples/sip/target/sip-example.jar" "$@"
