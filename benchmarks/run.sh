#!/usr/bin/env bash
# Runs every benchmark of issue 5 and rewrites docs/performance.md and docs/performance-latency.png:
#   1. JMH (-prof gc): send and receive codec paths, ours vs Google's Java SDK 2.0.0, and ours taken apart
#   2. load driver: N real-time audio sessions per client (each client in its own JVM, the emulator in another),
#      a profiled step, idle memory per session, reconnect cost of the resilient session; ours also with resilient
#      sessions, through gemini-live Camel routes (plain sessions, and the component's defaults) and over plain ws,
#      the SDK also with TCP_NODELAY
#   3. the report (tables, targets, chart) plus benchmarks/notes.md
# Takes about 40 minutes on 2 cores. Run it on a quiet machine: everything here is timing.
#
# ONLY=<clients> (comma list of ours, ours-resilient, camel, camel-defaults, camel-defaults-pooled, camel-calls,
# camel-floor, camel-floor-plain, sdk, sdk-nodelay, ours-plain) runs just those clients' load runs, without JMH and
# without the report (REPORT=1 writes it): a quick before/after comparison.
# It keeps the other clients' results in the results folder and replaces the listed ones'.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=ours,sdk,sdk-nodelay,camel,camel-defaults,camel-defaults-pooled,camel-calls,camel-floor,camel-floor-plain,\
ours-resilient,ours-plain
ONLY=${ONLY:-}
REPORT=${REPORT:-}

STEPS_OURS=${STEPS_OURS:-25,50,100,200,300,400,500,600,700,800,1000}
STEPS_SDK=${STEPS_SDK:-5,10,15,25,50,100,200,300,400,500}
STEPS_CAMEL=${STEPS_CAMEL:-100,200,300,400,500,600}   # "none" skips the run through Camel routes (plain sessions)
STEPS_CAMEL_DEFAULTS=${STEPS_CAMEL_DEFAULTS:-$STEPS_CAMEL}   # "none" skips Camel with the component's defaults
# "none" skips Camel with the component's defaults and Camel's pooled exchange factory (a user option)
STEPS_CAMEL_POOLED=${STEPS_CAMEL_POOLED:-$STEPS_CAMEL_DEFAULTS}
# "none" skips Camel with the component's defaults and per-call sessions of one endpoint (one route for all)
STEPS_CAMEL_CALLS=${STEPS_CAMEL_CALLS:-$STEPS_CAMEL_DEFAULTS}
# "none" skips the same routes over a minimal Camel component (FloorComponent): Camel's own cost per message, over
# resilient sessions (camel-floor) and over plain ones (camel-floor-plain)
STEPS_CAMEL_FLOOR=${STEPS_CAMEL_FLOOR:-$STEPS_CAMEL_DEFAULTS}
STEPS_RESILIENT=${STEPS_RESILIENT:-100,200,300,400,500,600}   # "none" skips ours with resilient sessions
STEPS_PLAIN=${STEPS_PLAIN:-100,300,500}   # "none" skips the plain-ws run
WARMUP_S=${WARMUP_S:-3}
PREWARM_S=${PREWARM_S:-60}              # unrecorded warm-up of each load JVM pair, so the JIT has finished
PREWARM_OURS=${PREWARM_OURS:-500}       # sessions during it
PREWARM_SDK=${PREWARM_SDK:-50}
MEASURE_S=${MEASURE_S:-8}
PROFILE_N=${PROFILE_N:-100}
MEMORY_N=${MEMORY_N:-200}
GOAWAYS=${GOAWAYS:-5}
JMH_OPTS=${JMH_OPTS:--f 2 -wi 2 -i 3 -w 1s -r 1s}
LOAD_JVM=${LOAD_JVM:--Xmx2g}
OUT=benchmarks/target/results
JAR=benchmarks/target/benchmarks.jar

for c in ${ONLY//,/ }; do
    if [[ ",$CLIENTS," != *",$c,"* ]]; then
        echo "ONLY: unknown client $c (one of $CLIENTS)" >&2
        exit 2
    fi
done

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    mvn -B -q install -DskipTests -pl benchmarks -am
fi
if [[ -z "$ONLY" ]]; then
    rm -rf "$OUT"
fi
mkdir -p "$OUT"
# a copy, so a rebuild of the emulator during the run cannot pull the jar away
cp gemini-live-emulator/target/gemini-live-emulator.jar "$OUT/gemini-live-emulator.jar"
settings="RUN_AT=$(date -u +%Y-%m-%dT%H:%MZ) STEPS_OURS=$STEPS_OURS STEPS_SDK=$STEPS_SDK STEPS_CAMEL=$STEPS_CAMEL\
 STEPS_CAMEL_DEFAULTS=$STEPS_CAMEL_DEFAULTS STEPS_CAMEL_POOLED=$STEPS_CAMEL_POOLED STEPS_CAMEL_CALLS=$STEPS_CAMEL_CALLS\
 STEPS_CAMEL_FLOOR=$STEPS_CAMEL_FLOOR STEPS_RESILIENT=$STEPS_RESILIENT STEPS_PLAIN=$STEPS_PLAIN\
 WARMUP_S=$WARMUP_S MEASURE_S=$MEASURE_S PREWARM_S=$PREWARM_S PREWARM_OURS=$PREWARM_OURS PREWARM_SDK=$PREWARM_SDK\
 PROFILE_N=$PROFILE_N MEMORY_N=$MEMORY_N GOAWAYS=$GOAWAYS JMH_OPTS='$JMH_OPTS' LOAD_JVM='$LOAD_JVM'"
if [[ -z "$ONLY" ]]; then
    echo "$settings" >"$OUT/settings.txt"
else
    # one line per partial run after the full run's line: the report lists them
    echo "ONLY=$ONLY $settings" >>"$OUT/settings.txt"
fi

# run: client, steps -> whether the client runs (listed in ONLY, if set, and its steps not "none")
run() {
    [[ "$2" != "none" && ( -z "$ONLY" || ",$ONLY," == *",$1,"* ) ]]
}

driver() { # client, extra options...: one load-driver JVM, its output added to the client's logs
    local client=$1
    shift
    # shellcheck disable=SC2086
    java $LOAD_JVM -cp "$JAR" io.github.camelgeminilive.benchmarks.load.LoadDriver --client "$client" \
        --emulator-jar "$OUT/gemini-live-emulator.jar" --out "$OUT" --warmup "$WARMUP_S" --measure "$MEASURE_S" \
        --prewarm "$PREWARM_S" \
        "$@" 2>>"$OUT/$client-stderr.log" | tee -a "$OUT/load-$client.txt" \
        || echo "!! the $client run failed (see $OUT/$client-stderr.log); the report shows what it wrote"
}

load() { # client, extra options...
    rm -f "$OUT/load-$1.txt" "$OUT/$1-stderr.log"
    driver "$@"
}

# the idle-memory probe, in a load JVM of its own: after load steps the JVM's baseline holds what they left behind
# (`ours`: 10 KB after 8 s steps, negative after 30 s steps, 38 KB in a fresh JVM), so it starts fresh every time
memory() { # client
    driver "$1" --memory "$MEMORY_N"
}

if [[ -z "$ONLY" ]]; then
    echo "== JMH: codec paths"
    # shellcheck disable=SC2086
    java -jar "$JAR" $JMH_OPTS -prof gc -rf json -rff "$OUT/jmh.json" \
        'SendPathBenchmark|ReceivePathBenchmark|CodecBreakdownBenchmark' >"$OUT/jmh.txt"
    grep -E '^(Benchmark|Receive|Send|Codec)' "$OUT/jmh.txt" | grep -vE 'gc\.(count|time)|alloc\.rate ' || true
fi

if run ours "$STEPS_OURS"; then
    echo "== load: ours"
    load ours --steps "$STEPS_OURS" --profile "$PROFILE_N" --reconnect "$GOAWAYS" --prewarm-sessions "$PREWARM_OURS"
    memory ours
fi

if run sdk "$STEPS_SDK"; then
    echo "== load: Google's Java SDK"
    load sdk --steps "$STEPS_SDK" --profile "$PROFILE_N" --prewarm-sessions "$PREWARM_SDK"
    memory sdk
fi

if run sdk-nodelay "$STEPS_SDK"; then
    echo "== load: Google's Java SDK with TCP_NODELAY (OkHttp leaves Nagle on)"
    load sdk-nodelay --steps "$STEPS_SDK" --prewarm-sessions "$PREWARM_SDK"
fi

if run camel "$STEPS_CAMEL"; then
    echo "== load: ours through gemini-live Camel routes (plain sessions)"
    load camel --steps "$STEPS_CAMEL" --prewarm-sessions "$PREWARM_OURS"
fi

if run camel-defaults "$STEPS_CAMEL_DEFAULTS"; then
    echo "== load: ours through gemini-live Camel routes with the component's defaults (resilient, resumption)"
    load camel-defaults --steps "$STEPS_CAMEL_DEFAULTS" --prewarm-sessions "$PREWARM_OURS"
    memory camel-defaults
fi

if run camel-defaults-pooled "$STEPS_CAMEL_POOLED"; then
    echo "== load: as camel-defaults, with Camel's pooled exchange factory (camel.main.exchangeFactory=pooled)"
    load camel-defaults-pooled --steps "$STEPS_CAMEL_POOLED" --prewarm-sessions "$PREWARM_OURS"
fi

if run camel-calls "$STEPS_CAMEL_CALLS"; then
    echo "== load: per-call sessions of one gemini-live endpoint (one route for all), the component's defaults"
    load camel-calls --steps "$STEPS_CAMEL_CALLS" --prewarm-sessions "$PREWARM_OURS"
fi

if run camel-floor "$STEPS_CAMEL_FLOOR"; then
    echo "== load: the same routes over a minimal Camel component on resilient sessions (Camel's own cost)"
    load camel-floor --steps "$STEPS_CAMEL_FLOOR" --prewarm-sessions "$PREWARM_OURS"
fi

if run camel-floor-plain "$STEPS_CAMEL_FLOOR"; then
    echo "== load: the same routes over a minimal Camel component on plain sessions (Camel's own cost)"
    load camel-floor-plain --steps "$STEPS_CAMEL_FLOOR" --prewarm-sessions "$PREWARM_OURS"
fi

if run ours-resilient "$STEPS_RESILIENT"; then
    echo "== load: ours with resilient sessions (default resilience options)"
    load ours-resilient --steps "$STEPS_RESILIENT" --prewarm-sessions "$PREWARM_OURS"
    memory ours-resilient
fi

if run ours-plain "$STEPS_PLAIN"; then
    echo "== load: ours over plain ws (what TLS costs)"
    load ours-plain --steps "$STEPS_PLAIN" --prewarm-sessions "$PREWARM_OURS"
fi

if [[ -z "$ONLY" || "$REPORT" == "1" ]]; then
    echo "== report"
    java -cp "$JAR" io.github.camelgeminilive.benchmarks.report.ReportWriter "$OUT" docs/performance.md \
        docs/performance-latency.png benchmarks/notes.md "$WARMUP_S" "$MEASURE_S"
fi
