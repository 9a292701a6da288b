#!/usr/bin/env bash
# Builds the Kafka example (tests skipped) and runs it: a Kafka node (KRaft) in-process, two instances of the
# pipeline in one consumer group, two callers. Without GEMINI_API_KEY the sessions go to an emulator started
# in-process; with it, to Google's Gemini Live API.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mvn -B -q -f "$root/pom.xml" package -DskipTests -pl examples/kafka -am >&2
exec java -jar "$root/examples/kafka/target/kafka-example.jar" "$@"
