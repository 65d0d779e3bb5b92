#!/usr/bin/env bash
# Fetch the calibration corpus (bench/health-corpus.json) at its pinned commits and print each
# repository's health score and category scores. Needs git, node, python3 and a built pyvet.
#   bash bench/health-corpus.sh [WORKDIR]     (default: ./.corpus; clones are reused)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$here/.corpus}"
mkdir -p "$work"
python3 - "$here/bench/health-corpus.json" <<'PY' | while read -r name url commit; do
import json, sys
for r in json.load(open(sys.argv[1]))["repositories"]:
    print(r["name"], r["url"], r["commit"])
PY
  dir="$work/$name"
  if [ ! -d "$dir/.git" ]; then git clone --quiet --filter=blob:none "$url" "$dir"; fi
  git -C "$dir" -c advice.detachedHead=false checkout --quiet "$commit"
  node "$here/dist/src/cli/bin.js" scan "$dir" --no-store -q --format json -o "$work/$name.json" || true
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
h = d["health"]
cats = " ".join(f"{k}={v:g}" for k, v in sorted(h["categories"].items()))
print(f"{sys.argv[2]:<30} {h['score']:>3}  {cats}")
PY
done
