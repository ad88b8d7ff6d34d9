#!/bin/sh
# The image's entry point: `app` (the default) serves the Voila app on port 8866 of every interface; anything else is a dfd command
# (predict FILES..., preprocess, train, ...).
set -e
if [ "${1:-app}" = app ]; then
  [ $# -le 1 ] || { echo "entrypoint: 'app' takes no arguments (publish another port with -p HOST_PORT:8866)" >&2; exit 2; }
  exec serve-app.sh /opt/dfd/app.ipynb 0.0.0.0 8866
fi
exec dfd "$@"
