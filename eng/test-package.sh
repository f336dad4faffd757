#!/usr/bin/env bash
# Packs the provider and tests the package as an application would use it: test/EFCore.DynamoDb.PackageTests references
# EFCore.DynamoDb by PackageReference from the folder feed artifacts/packages, and runs against DynamoDB Local.
#
# Usage: eng/test-package.sh [dotnet test options...]   e.g. --logger trx --results-directory DIR
#
# Each run packs a version no earlier run used (<version>.local.<UTC time>.<pid>), so restore can never take a stale
# copy from the NuGet cache; that version is removed from the cache afterwards. DynamoDB Local is started for the test
# (and stopped) unless DYNAMODB_SERVICE_URL names one already running.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
FEED="$ROOT/artifacts/packages"
PROJECT=test/EFCore.DynamoDb.PackageTests/EFCore.DynamoDb.PackageTests.csproj

suffix=$(dotnet msbuild src/EFCore.DynamoDb/EFCore.DynamoDb.csproj -getProperty:VersionSuffix)
prefix=$(dotnet msbuild src/EFCore.DynamoDb/EFCore.DynamoDb.csproj -getProperty:VersionPrefix)
stamp="local.$(date -u +%Y%m%d%H%M%S).$$"
version_suffix=${suffix:+$suffix.}$stamp
version="$prefix-$version_suffix"

echo "eng/test-package.sh: packing EFCore.DynamoDb $version into ${FEED#"$ROOT"/}" >&2
mkdir -p "$FEED"
rm -f "$FEED"/EFCore.DynamoDb.*.nupkg "$FEED"/EFCore.DynamoDb.*.snupkg
dotnet pack src/EFCore.DynamoDb/EFCore.DynamoDb.csproj -c Release -o "$FEED" -p:VersionSuffix="$version_suffix" >&2

packages_root=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cleanup() { rm -rf "$packages_root/efcore.dynamodb/${version,,}"; }
trap cleanup EXIT

test_command=(dotnet test "$PROJECT" -p:EFCoreDynamoDbPackageVersion="$version" "$@")
if [[ -n "${DYNAMODB_SERVICE_URL:-}" ]]; then
    "${test_command[@]}"
else
    eng/dynamodb-local.sh run -- "${test_command[@]}"
fi
