#!/bin/sh
# Serve the app notebook NOTEBOOK with Voila on IP:PORT (make app, and the container's default command). The app caps uploads at
# 100 MB; an upload reaches the kernel as one websocket message, so tornado's default limit (10 MiB) is raised to 110 MiB.
set -e
[ $# -eq 3 ] || { echo "usage: serve-app.sh NOTEBOOK IP PORT" >&2; exit 2; }
exec voila "$1" --no-browser --Voila.ip="$2" --port="$3" "--Voila.tornado_settings={'websocket_max_message_size': 115343360}"
