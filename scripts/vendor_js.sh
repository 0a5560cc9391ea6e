#!/usr/bin/env bash
# Copy the JavaScript the dashboard and /docs run into the package, at pinned versions, from the npm registry:
# cytoscape (the cooperation network) and swagger-ui-dist (the OpenAPI docs), each with its licence. The copies
# are committed, so installing or testing allywatch needs no npm and no page loads a script from elsewhere.
# Run it again after changing a version below: bash scripts/vendor_js.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CYTOSCAPE_VERSION=3.35.0
SWAGGER_UI_VERSION=5.35.0

VENDOR=src/allywatch/api/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch NAME VERSION: the package's files in $work/NAME
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null)
  mkdir -p "$work/$1"
  tar -xzf "$work/$1-$2.tgz" -C "$work/$1" --strip-components=1
}

fetch cytoscape "$CYTOSCAPE_VERSION"
fetch swagger-ui-dist "$SWAGGER_UI_VERSION"

rm -rf "$VENDOR"
mkdir -p "$VENDOR/cytoscape" "$VENDOR/swagger-ui"
cp "$work/cytoscape/dist/cytoscape.min.js" "$work/cytoscape/LICENSE" "$VENDOR/cytoscape/"
cp "$work/swagger-ui-dist/swagger-ui-bundle.js" "$work/swagger-ui-dist/swagger-ui.css" \
   "$work/swagger-ui-dist/LICENSE" "$VENDOR/swagger-ui/"
# the bundle ends by naming its source map, which is not copied: drop the reference so nothing asks for it
sed -i -e '/^\/\/# sourceMappingURL=/d' -e 's|/\*# sourceMappingURL=[^*]*\*/||' \
    "$VENDOR/swagger-ui/swagger-ui-bundle.js" "$VENDOR/swagger-ui/swagger-ui.css"
printf 'cytoscape %s\nswagger-ui-dist %s\n' "$CYTOSCAPE_VERSION" "$SWAGGER_UI_VERSION" > "$VENDOR/VERSIONS"
echo "vendored into $VENDOR:"
(cd "$VENDOR" && find . -type f | sort)
