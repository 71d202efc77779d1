#!/usr/bin/env bash
# Checks .ci/pack-local.sh: two packs into one feed get two different versions, every package of src/ is in the feed at
# both, the later version sorts above the earlier one, and a project restoring the newest local pack (the README's
# `dotnet add package Clv --prerelease`) resolves the second version even though the first is already in NuGet's cache.
# Usage: .ci/pack-local-check.sh [more dotnet pack arguments, e.g. --no-build]. Exit 0 when every check passes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
feed="$work/feed"
packages="$work/packages"   # a private NuGet cache, so the check neither reads nor pollutes ~/.nuget/packages
export NUGET_PACKAGES="$packages"
fail() { echo "pack-local-check: FAILED: $*" >&2; exit 1; }

ids=()         # every package of src/
libraries=()   # the library packages a project references (Clv.Tool is a .NET tool: installed, not referenced)
for project in "$root"/src/*/*.csproj; do
  id=$(basename "$project" .csproj)
  ids+=("$id")
  [ "$id" = "Clv.Tool" ] || libraries+=("$id")
done

consume() {   # restore the newest local Clv* packages; print the Clv version the restore resolved
  local dir="$work/consumer"
  mkdir -p "$dir"
  cat > "$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="clv-local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
  { echo '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup>'
    for id in "${libraries[@]}"; do echo "<PackageReference Include=\"$id\" Version=\"*-*\" />"; done
    echo '</ItemGroup></Project>'; } > "$dir/Consumer.csproj"
  cp "$root/global.json" "$dir/"
  ( cd "$dir" && dotnet restore --force-evaluate -v q >&2 )
  grep -oE '"Clv/[^"]+"' "$dir/obj/project.assets.json" | head -1 | tr -d '"' | cut -d/ -f2
}

first=$("$root/.ci/pack-local.sh" "$feed" "$@" | tail -1)
used_first=$(consume)
[ "$used_first" = "$first" ] || fail "after the first pack the consumer restored Clv $used_first, not $first"
second=$("$root/.ci/pack-local.sh" "$feed" "$@" | tail -1)
echo "first pack: $first; second pack: $second"

[[ "$first" =~ \.local\.[0-9]{14}$ ]] || fail "first version '$first' has no .local.<UTC stamp> suffix"
[[ "$second" =~ \.local\.[0-9]{14}$ ]] || fail "second version '$second' has no .local.<UTC stamp> suffix"
[ "$first" != "$second" ] || fail "both packs have version $first"
[ "${second##*.}" -gt "${first##*.}" ] || fail "the second stamp (${second##*.}) does not sort above the first (${first##*.})"
for id in "${ids[@]}"; do
  for v in "$first" "$second"; do
    [ -e "$feed/$id.$v.nupkg" ] || fail "$id.$v.nupkg is not in the feed"
  done
done

# The first version is now in the (private) cache; the newest pack must still be the one restored.
used_second=$(consume)
[ "$used_second" = "$second" ] || fail "after the second pack the consumer restored Clv $used_second, not $second (a stale copy)"
# The README's tool install from the feed: the newest pack, and it runs.
dotnet tool install Clv.Tool --tool-path "$work/tool" --prerelease --add-source "$feed" >&2
tool_version=$("$work/tool/clv" --version 2>/dev/null | tail -1 || true)
"$work/tool/clv" --help > "$work/tool-help.txt" || fail "the installed clv --help failed"
grep -q "analyze" "$work/tool-help.txt" || fail "the installed clv --help does not list analyze"
grep -q "Clv.Tool.$second.nupkg" <(ls "$feed") || fail "Clv.Tool.$second.nupkg is not in the feed"
ls "$work/tool/.store/clv.tool/" | grep -qx "$(echo "$second" | tr 'A-Z' 'a-z')" || fail "dotnet tool install took $(ls "$work/tool/.store/clv.tool/"), not $second"
echo "pack-local-check: the clv tool installs from the feed at $second and runs (${tool_version:-no version printed})"
echo "pack-local-check: two packs, two versions ($first, $second); ${#ids[@]} packages each; the consumer moved to the newest"
