#!/usr/bin/env bash
# Runs every test of the project: the one command of README's "Run every test" (.ci/run calls it).
# The SIP tests drive sipp (Debian package sip-tester), a real SIP peer on loopback; the browser example's test drives
# headless Chromium (Debian package chromium, about a minute to install): both installed here when missing.
set -euo pipefail
cd "$(dirname "$0")"
# the Debian packages of the tools these tests drive that are not on the PATH
missing_packages() {
    command -v sipp >/dev/null 2>&1 || echo sip-tester
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || echo chromium
}
mapfile -t missing < <(missing_packages)
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "test.sh: installing ${missing[*]} for the SIP and browser tests" >&2
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    # a second run started meanwhile (a build beside another) would fail on apt's lock: it waits for the first,
    # which may have installed them
    exec 9>/tmp/camel-gemini-live-apt.lock
    flock 9
    mapfile -t missing < <(missing_packages)
    if [[ ${#missing[@]} -gt 0 ]]; then
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    exec 9>&-
fi
exec mvn -B verify "$@"
