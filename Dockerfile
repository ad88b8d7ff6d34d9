# dfd in a container: the Voila app on port 8866 by default, any dfd command otherwise, with the released detector inside.
#   docker build -t dfd .
#   docker run --rm -p 8866:8866 dfd                                  # the app at http://localhost:8866/
#   docker run --rm -v "$PWD":/videos:ro dfd predict /videos           # a verdict per video of this folder
# BASE: any Debian-like image with python3 (3.11) and its venv module; TORCH_INDEX: where the CPU builds of the pinned torch/torchvision
# pair are (PyPI has only CUDA builds, which run on the CPU too but weigh about 5 GB more).
ARG BASE=python:3.11-slim-bookworm

FROM ${BASE} AS build
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY constraints.txt ./
# the pinned pip first, so that the pins resolve alike on any base
RUN python3 -m venv /opt/dfd && /opt/dfd/bin/pip install --quiet -c constraints.txt pip \
 && /opt/dfd/bin/pip install --quiet --extra-index-url "$TORCH_INDEX" -c constraints.txt torch torchvision
COPY settings.ini setup.py README.md ./
COPY dfd ./dfd
# facenet-pytorch's own pins are stale: without its dependencies, as make install does; voila serves the app, running it in an ipykernel
RUN /opt/dfd/bin/pip install --quiet -c constraints.txt . voila ipykernel \
 && /opt/dfd/bin/pip install --quiet --no-deps -c constraints.txt facenet-pytorch==2.6.0 \
 && /opt/dfd/bin/python -c "import dfd.app, dfd.cli, facenet_pytorch, voila; from dfd.inference import released_detector; assert released_detector().is_file()" \
 && /opt/dfd/bin/jupyter kernelspec list | grep -q python3

FROM ${BASE}
RUN useradd --create-home --uid 1000 dfd
COPY --from=build /opt/dfd /opt/dfd
COPY nbs/app.ipynb /opt/dfd/app.ipynb
COPY container/serve-app.sh container/entrypoint.sh /opt/dfd/bin/
ENV PATH=/opt/dfd/bin:$PATH PYTHONUNBUFFERED=1 DFD_LOG_LEVEL=WARNING
USER dfd
WORKDIR /home/dfd
EXPOSE 8866
ENTRYPOINT ["entrypoint.sh"]
CMD ["app"]
