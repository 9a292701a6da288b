#!/usr/bin/env bash
# Builds the Spring Boot example (tests skipped) and runs it: examples/spring-boot/run.sh [--example.prompt="..."]
# Without GEMINI_API_KEY it talks to an emulator started in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mvn -B -q -f "$root/pom.xml" package -DskipTests -pl examples/spring-boot -am >&2
exec java -jar "$root/examples/spring-boot/target/spring-boot-example.jar" "$@"
