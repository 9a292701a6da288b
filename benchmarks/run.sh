#!/usr/bin/env bash
# Runs every benchmark of issue 5 and rewrites docs/performance.md and docs/performance-latency.png:
#   1. JMH (-prof gc): send and receive codec paths, ours vs Google's Java SDK 2.0.0
#   2. load driver: N real-time audio sessions per client (each client in its own JVM, the emulator in another),
#      idle memory per session, reconnect cost of the resilient session; ours also over plain ws
#   3. the report (tables, targets, chart) plus benchmarks/notes.md
# Takes about 10 minutes on 2 cores. Run it on a quiet machine: everything here is timing.
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS_OURS=${STEPS_OURS:-25,50,75,100,150,200,300,500,700,1000}
STEPS_SDK=${STEPS_SDK:-25,50,75,100,150,200,300,500,700,1000}
STEPS_PLAIN=${STEPS_PLAIN:-$STEPS_OURS}
WARMUP_S=${WARMUP_S:-3}
MEASURE_S=${MEASURE_S:-12}
MEMORY_N=${MEMORY_N:-200}
GOAWAYS=${GOAWAYS:-5}
JMH_OPTS=${JMH_OPTS:--f 2 -wi 3 -i 3 -w 2s -r 2s}
LOAD_JVM=${LOAD_JVM:--Xmx2g}
OUT=benchmarks/target/results
JAR=benchmarks/target/benchmarks.jar

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q install -DskipTests -pl benchmarks -am
fi
rm -rf "$OUT"
mkdir -p "$OUT"
# a copy, so a rebuild of the emulator during the run cannot pull the jar away
cp gemini-live-emulator/target/gemini-live-emulator.jar "$OUT/gemini-live-emulator.jar"

echo "== JMH: codec paths"
# shellcheck disable=SC2086
java -jar "$JAR" $JMH_OPTS -prof gc -rf json -rff "$OUT/jmh.json" 'SendPathBenchmark|ReceivePathBenchmark' \
    | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|Receive|Send)' || true

echo "== load: ours"
# shellcheck disable=SC2086
java $LOAD_JVM -cp "$JAR" io.github.camelgeminilive.benchmarks.load.LoadDriver --client ours \
    --emulator-jar "$OUT/gemini-live-emulator.jar" --out "$OUT" --steps "$STEPS_OURS" \
    --warmup "$WARMUP_S" --measure "$MEASURE_S" --memory "$MEMORY_N" --reconnect "$GOAWAYS" 2>>"$OUT/ours-stderr.log" \
    | tee "$OUT/load-ours.txt"

echo "== load: Google's Java SDK"
# shellcheck disable=SC2086
java $LOAD_JVM -cp "$JAR" io.github.camelgeminilive.benchmarks.load.LoadDriver --client sdk \
    --emulator-jar "$OUT/gemini-live-emulator.jar" --out "$OUT" --steps "$STEPS_SDK" \
    --warmup "$WARMUP_S" --measure "$MEASURE_S" --memory "$MEMORY_N" 2>>"$OUT/sdk-stderr.log" \
    | tee "$OUT/load-sdk.txt"

if [[ "$STEPS_PLAIN" != "none" ]]; then
    echo "== load: ours over plain ws (what TLS costs)"
    # shellcheck disable=SC2086
    java $LOAD_JVM -cp "$JAR" io.github.camelgeminilive.benchmarks.load.LoadDriver --client ours-plain \
        --emulator-jar "$OUT/gemini-live-emulator.jar" --out "$OUT" --steps "$STEPS_PLAIN" \
        --warmup "$WARMUP_S" --measure "$MEASURE_S" 2>>"$OUT/ours-plain-stderr.log" | tee "$OUT/load-ours-plain.txt"
fi

echo "== report"
java -cp "$JAR" io.github.camelgeminilive.benchmarks.report.ReportWriter "$OUT" docs/performance.md \
    docs/performance-latency.png benchmarks/notes.md "$WARMUP_S" "$MEASURE_S"
