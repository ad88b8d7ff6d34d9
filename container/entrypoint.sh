#!/bin/sh
# The image's entry point: `app` (the default) serves the Voila app on port 8866 of every interface; anything else is a dfd command
# (predict FILES..., preprocess, train, ...).
set -e
if [ "${1:-app}" = app ]; then exec serve-app.sh /opt/dfd/app.ipynb 0.0.0.0 8866; fi
exec dfd "$@"
