#!/usr/bin/env bash
# Builds what the quick start needs (tests skipped) and runs it: ./quickstart.sh [--out FILE.wav] ["prompt"]
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
mvn -B -q -f "$root/pom.xml" install -DskipTests -pl examples/quickstart -am
exec java -jar "$root/examples/quickstart/target/quickstart.jar" "$@"
