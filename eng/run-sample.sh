#!/usr/bin/env bash
# Runs a sample (samples/<Name>) against a DynamoDB Local that this script fetches, starts and stops.
# Usage: ./eng/run-sample.sh [Forum|Orders]     (default: Forum)
#   Forum   the PynamoDB tutorial's Thread table: keys, indexes, paging, optimistic locking
#   Orders  a single-table design: customers, orders and lines in one table with PK/SK and an overloaded GSI1
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

sample=${1:-Forum}
project="samples/$sample/$sample.csproj"
if [[ ! -f "$project" ]]; then
    echo "run-sample: no sample '$sample' (samples: $(cd samples && ls -d */ | tr -d / | tr '\n' ' '))" >&2
    exit 2
fi

# The sample reads DYNAMODB_SERVICE_URL, which `dynamodb-local.sh run` sets for the command it runs.
exec eng/dynamodb-local.sh run -- dotnet run --project "$project" -c Release
