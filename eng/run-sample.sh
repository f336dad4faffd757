#!/usr/bin/env bash
# Runs the Forum sample (samples/Forum) against a DynamoDB Local that this script fetches, starts and stops.
# Usage: ./eng/run-sample.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The sample reads DYNAMODB_SERVICE_URL, which `dynamodb-local.sh run` sets for the command it runs.
exec eng/dynamodb-local.sh run -- dotnet run --project samples/Forum/Forum.csproj -c Release
