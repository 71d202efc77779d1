#!/usr/bin/env bash
# Packs every package of src/ into a local folder feed under a version no earlier pack had:
#   <VersionPrefix>-<release suffix>.local.<UTC yyyyMMddHHmmss>, e.g. 1.0.0-rc.1.local.20261202143015
# NuGet caches packages by id and version (~/.nuget/packages), so a fresh pack under an old version would be ignored in
# favour of the cached copy; a new version per pack makes that impossible, and later packs sort above earlier ones, so
# `dotnet add package Clv --prerelease` picks the newest. One stamp for all packages, so they depend on each other exactly.
#
# Usage: .ci/pack-local.sh [feed folder, default ./local-feed] [more dotnet pack arguments, e.g. --no-build]
# Prints the version on the last line of its output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
feed=${1:-local-feed}
shift || true
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

stamp=$(date -u +%Y%m%d%H%M%S)
version=$(dotnet msbuild "$root/src/Clv/Clv.csproj" -getProperty:PackageVersion -p:ClvLocalStamp="$stamp")
# Two packs within one second would share a stamp: wait for the next second rather than reuse a version.
while [ -e "$feed/Clv.$version.nupkg" ]; do
  sleep 1
  stamp=$(date -u +%Y%m%d%H%M%S)
  version=$(dotnet msbuild "$root/src/Clv/Clv.csproj" -getProperty:PackageVersion -p:ClvLocalStamp="$stamp")
done
case "$version" in
  *.local."$stamp") ;;
  *) echo "pack-local: expected a version ending in .local.$stamp, got '$version' (is VersionSuffix set in the environment?)" >&2; exit 1 ;;
esac

for project in "$root"/src/*/*.csproj; do
  dotnet pack "$project" -c Release -o "$feed" -p:ClvLocalStamp="$stamp" "$@"
done

echo
echo "Packed into $feed:"
ls -1 "$feed" | grep -F ".$version." | sed 's/^/  /'
echo "Use it from a project (register the feed once, then take the newest local pack):"
echo "  dotnet nuget add source \"$feed\" --name clv-local"
echo "  dotnet add package Clv --prerelease"
echo "$version"
