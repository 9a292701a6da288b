#!/usr/bin/env bash
# Builds what the quick start needs (tests skipped) and runs it: ./quickstart.sh [--out FILE.wav] ["prompt"]
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
# build output (errors only, with -q) goes to stderr so that stdout carries just the quick start's report
mvn -B -q -f "$root/pom.xml" install -DskipTests -pl examples/quickstart -am >&2
exec java -jar "$root/examples/quickstart/target/quickstart.jar" "$@"
