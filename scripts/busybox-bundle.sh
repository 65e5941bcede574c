#!/usr/bin/env bash
# Makes an OCI bundle from Debian's busybox-static: DIR/rootfs and DIR/config.json (runc's
# default shape, no terminal), running the command given after DIR (default: sh).
set -euo pipefail
dir=${1:?usage: busybox-bundle.sh DIR [COMMAND...]}
shift || true
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/rootfs"/{bin,proc,sys,dev,tmp,etc,root}
cp /usr/bin/busybox "$dir/rootfs/bin/busybox"
for applet in $(/usr/bin/busybox --list); do
  [ -e "$dir/rootfs/bin/$applet" ] || ln -s busybox "$dir/rootfs/bin/$applet"
done
echo "root:x:0:0:root:/root:/bin/sh" > "$dir/rootfs/etc/passwd"
echo "root:x:0:" > "$dir/rootfs/etc/group"
rm -f "$dir/config.json"
"$top/bin/berth-runtime" spec --bundle "$dir"
args=$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:] or ["sh"]))' "$@")
python3 - "$dir/config.json" "$args" <<'PY'
import json, sys
path, args = sys.argv[1], json.loads(sys.argv[2])
c = json.load(open(path))
c["process"]["terminal"] = False
c["process"]["args"] = args
json.dump(c, open(path, "w"), indent=2)
PY
