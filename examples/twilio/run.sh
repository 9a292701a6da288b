#!/usr/bin/env bash
# Builds the Twilio example (tests skipped) and runs it: [TWILIO_PUBLIC_HOST=abc.ngrok-free.app] examples/twilio/run.sh
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mvn -B -q -f "$root/pom.xml" package -DskipTests -pl examples/twilio -am >&2
exec java -jar "$root/examples/twilio/target/twilio-example.jar" "$@"
