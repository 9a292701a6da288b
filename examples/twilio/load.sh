#!/usr/bin/env bash
# The Twilio example under load (outside CI): steps of concurrent simulated calls through the example's routes,
# against the benchmarks' measuring emulator in its own JVM. The calls of a step arrive evenly over RAMP_SECONDS
# (default 20), then all stay on for SECONDS_PER_CALL. Prints a line per step and writes
# examples/twilio/target/twilio-load.txt. Everything here is timing: run it on a quiet machine (see `uptime`).
#   examples/twilio/load.sh                       # steps 25,50,100,200; a 20 s ramp; 30 s with every call on
#   STEPS=50,100,200,300 SECONDS_PER_CALL=60 examples/twilio/load.sh
#   STEPS=200 RAMP_SECONDS=0 examples/twilio/load.sh   # all calls at once: every greeting plays at the same time
# MVN_FLAGS=-o builds offline. PROFILE_DIR=/some/dir records both JVMs with JFR (settings=profile) into
# route.jfr (the example's routes and the simulated callers) and emulator.jfr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
STEPS=${STEPS:-25,50,100,200}
SECONDS_PER_CALL=${SECONDS_PER_CALL:-30}
RAMP_SECONDS=${RAMP_SECONDS:-20}
profile=()
if [ -n "${PROFILE_DIR:-}" ]; then
    mkdir -p "$PROFILE_DIR"
    jfr="-XX:StartFlightRecording=settings=profile,filename=$PROFILE_DIR"
    profile=("-DargLine=$jfr/route.jfr" "-Dtwilio.load.emulator-jvm-options=$jfr/emulator.jfr")
fi
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} package -DskipTests -pl benchmarks -am >&2
# a copy, so a rebuild during the run cannot pull the jar away
mkdir -p examples/twilio/target
cp benchmarks/target/benchmarks.jar examples/twilio/target/load-benchmarks.jar
cp gemini-live-emulator/target/gemini-live-emulator.jar examples/twilio/target/load-emulator.jar
# shellcheck disable=SC2086
mvn -B ${MVN_FLAGS:-} test -pl examples/twilio -am -Dtest=TwilioLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtwilio.load="$STEPS" -Dtwilio.load.seconds="$SECONDS_PER_CALL" -Dtwilio.load.ramp="$RAMP_SECONDS" \
    -Dtwilio.load.emulator-classpath="$root/examples/twilio/target/load-emulator.jar:$root/examples/twilio/target/load-benchmarks.jar" \
    -Dtwilio.load.report="$root/examples/twilio/target/twilio-load.txt" ${profile[@]+"${profile[@]}"} | grep -E "twilio load:|ERROR|FAIL" || true
cat examples/twilio/target/twilio-load.txt
