#!/usr/bin/env bash
# Re-vendors the GraphiQL playground assets into ./assets from the npm registry.
#
# It fetches exactly the files gqlgen's default playground
# (github.com/99designs/gqlgen/graphql/playground) loads from its CDN, plus each
# package's LICENSE, and checks every file against the sha256 SRI that gqlgen
# pins for the CDN copy, so the vendored bytes are the ones gqlgen would load.
# To upgrade, change the versions and hashes below to gqlgen's new defaults,
# re-run this script and update the paths in playground.go.
#
# Needs npm, node and tar. Run from anywhere: bash playground/vendor.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/assets"

# package@version  file-in-package  sha256 SRI (from gqlgen's playground.go)
files=(
	"graphiql@4.1.2 graphiql.min.js sha256-hnImuor1znlJkD/FOTL3jayfS/xsyNoP04abi8bFJWs="
	"graphiql@4.1.2 graphiql.min.css sha256-MEh+B2NdMSpj9kexQNN3QKc8UzMrCXW/Sx/phcpuyIU="
	"react@18.2.0 umd/react.production.min.js sha256-S0lp+k7zWUMk2ixteM6HZvu8L9Eh//OVrt+ZfbCpmgY="
	"react-dom@18.2.0 umd/react-dom.production.min.js sha256-IXWO0ITNDjfnNXIu5POVfqlgYoop36bDzhodR6LW5Pc="
)

sri256() {
	node -e 'const c=require("crypto"),fs=require("fs");process.stdout.write("sha256-"+c.createHash("sha256").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Unpack each package once (npm checks the tarball against the registry's integrity).
pkgs=()
for entry in "${files[@]}"; do
	read -r pkg _ _ <<<"$entry"
	[[ " ${pkgs[*]-} " == *" $pkg "* ]] || pkgs+=("$pkg")
done
for pkg in "${pkgs[@]}"; do
	mkdir -p "$tmp/$pkg"
	tgz="$(cd "$tmp" && npm pack --silent "$pkg" | tail -n 1)"
	tar -xzf "$tmp/$tgz" -C "$tmp/$pkg" --strip-components=1
done

rm -rf "$dest"
for pkg in "${pkgs[@]}"; do
	mkdir -p "$dest/$pkg"
	cp "$tmp/$pkg/LICENSE" "$dest/$pkg/LICENSE"
done
for entry in "${files[@]}"; do
	read -r pkg file want <<<"$entry"
	got="$(sri256 "$tmp/$pkg/$file")"
	if [[ "$got" != "$want" ]]; then
		echo "vendor.sh: $pkg/$file: got $got, want $want" >&2
		exit 1
	fi
	mkdir -p "$(dirname "$dest/$pkg/$file")"
	cp "$tmp/$pkg/$file" "$dest/$pkg/$file"
done

(cd "$dest" && find . -type f | sort | xargs ls -l)
