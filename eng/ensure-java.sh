#!/usr/bin/env bash
# Makes sure a Java runtime is available for DynamoDB Local (AWS ships it only
# as a Java program). Used by eng/dynamodb-local.sh and .ci/run: CI runs on a
# fresh machine that has the .NET SDK but possibly no Java, and nothing that a
# developer installed by hand is carried over, so the repo must install it.
#
# Usage: eng/ensure-java.sh            (installs if missing, prints java's path)
#    or: source eng/ensure-java.sh && ensure_java   (sets JAVA_BIN)
#
# All diagnostics go to stderr: callers capture stdout.
set -euo pipefail

# DynamoDB Local 3.x needs Java 17 or later.
_ENSURE_JAVA_MIN_MAJOR=17

_find_java() {
    # JAVA_HOME wins when set, as it does for most Java tooling; then PATH.
    if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
        printf '%s\n' "${JAVA_HOME}/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        return 1
    fi
}

_java_major() {
    # `java -version` prints e.g. 'openjdk version "17.0.15" 2025-04-15' (or
    # '"1.8.0_392"' for Java 8) on stderr.
    local v
    v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
    v=${v#1.}
    printf '%s\n' "${v%%[.+-]*}"
}

_install_java() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-java: java not found and apt-get is unavailable; install Java ${_ENSURE_JAVA_MIN_MAJOR}+ (e.g. openjdk-17-jre-headless) and retry" >&2
        return 1
    fi
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo -n)
        else
            echo "ensure-java: java not found, not root and no sudo; install openjdk-17-jre-headless and retry" >&2
            return 1
        fi
    fi
    echo "ensure-java: installing openjdk-17-jre-headless with apt-get..." >&2
    # A fresh machine's package lists may be empty or stale, so update first.
    # Output goes to stderr so it never mixes with a caller's captured stdout.
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless >&2
}

# Sets JAVA_BIN to a usable java executable, installing Java if needed.
ensure_java() {
    if ! JAVA_BIN=$(_find_java); then
        _install_java
        # Debian registers /usr/bin/java through update-alternatives; fall back
        # to the package's own folder in case PATH lacks /usr/bin.
        if ! JAVA_BIN=$(_find_java); then
            local candidate
            JAVA_BIN=""
            for candidate in /usr/lib/jvm/java-17-openjdk-*/bin/java; do
                [[ -x "$candidate" ]] && { JAVA_BIN=$candidate; break; }
            done
            if [[ -z "$JAVA_BIN" ]]; then
                echo "ensure-java: java still not found after installing" >&2
                return 1
            fi
        fi
    fi
    local major
    major=$(_java_major "$JAVA_BIN")
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major < _ENSURE_JAVA_MIN_MAJOR )); then
        # Not fatal: we'd rather let DynamoDB Local report what it dislikes
        # than replace a Java someone chose on purpose.
        echo "ensure-java: warning: $JAVA_BIN is Java $major; DynamoDB Local 3.x needs ${_ENSURE_JAVA_MIN_MAJOR}+" >&2
    fi
    export JAVA_BIN
}

# Executed (not sourced): install if needed and print the path.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    ensure_java
    printf '%s\n' "$JAVA_BIN"
fi
