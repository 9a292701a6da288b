#!/usr/bin/env bash
# Runs every test of the project: the one command of README's "Run every test" (.ci/run calls it).
# The SIP tests drive sipp (Debian package sip-tester), a real SIP peer on loopback: installed here when missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v sipp >/dev/null 2>&1; then
    echo "test.sh: installing sip-tester (sipp) for the SIP tests" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq sip-tester >/dev/null
fi
exec mvn -B verify "$@"
