#!/usr/bin/env bash
# Builds the file-drop example (tests skipped) and runs it: [FILE_DROP_DIR=folder] examples/file-drop/run.sh
# Every WAV file dropped into the folder (./file-drop by default) is one live session; the reply lands beside it.
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mvn -B -q -f "$root/pom.xml" package -DskipTests -pl examples/file-drop -am >&2
exec java -jar "$root/examples/file-drop/target/file-drop-example.jar" "$@"
