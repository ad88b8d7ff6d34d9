# dfd: two commands do everything on a fresh machine.
#   make report   build the venv, the demo data (unless DFD_DATA points elsewhere), run every notebook, write figures
#   make test     build the venv, run the notebooks (reduced configuration) and the plain tests with nbval
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard nbs/[0-9][0-9]_*.ipynb))
# facenet-pytorch 2.6.0 pins torch<=2.3, numpy<2 and Pillow<10.3, yet works with the pinned stack: install it without its pins
FACENET := facenet-pytorch==2.6.0

.PHONY: install test e2e report report-ffpp release docs check readme clean help app container container-base container-offline
# the published report: the FF++ c23 sample beside the project, MobileNetV2 from torchvision's official ImageNet file
FFPP ?= ../shared/data/ffpp_c23_sample
# the notebooks and tests that check the catalog and the split on real videos find the sample here (skipped without it)
export DFD_FFPP_SAMPLE ?= $(abspath $(FFPP))
V2_WEIGHTS ?= ../shared/weights/mobilenet_v2-b0353104.pth
help:
	@echo "make report | make test | make e2e | make app | make container | make docs | make check | make readme | make clean | make report-ffpp | make release"

$(STAMP): settings.ini setup.py constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt $(FACENET)
	$(BIN)/python -c "import torch, torchvision, facenet_pytorch, cv2, nbdev; from torchvision.ops import nms; print('installed torch', torch.__version__, 'torchvision', torchvision.__version__)"
	touch $@

install: $(STAMP)

test: $(STAMP)
	DFD_QUICK=1 $(BIN)/pytest --nbval-lax nbs tests

# CI: notebooks clean, dfd/ and README.md exactly what the notebooks produce
check: $(STAMP)
	$(BIN)/nbdev_export
	$(BIN)/nbdev_clean
	$(MAKE) --no-print-directory readme
	@git diff --exit-code --stat -- dfd nbs README.md && test -z "$$(git status --porcelain --untracked-files=all -- dfd nbs README.md)" \
	  || { echo "check failed: run nbdev_export, nbdev_clean and make readme, then commit"; git status --short -- dfd nbs README.md; exit 1; }

readme: $(STAMP)
	$(BIN)/jupyter nbconvert --log-level WARN --to markdown nbs/index.ipynb --output-dir . --output README

# executed notebooks go to $(REPORT)/nbs, the website built from them to $(SITE); runs beside MobileNetV3-Small from its default
# initialisation: COMPARE (arch or arch:pretrained, comma-separated)
COMPARE ?= mobilenet_v3_small:false
REPORT ?= _report
SITE ?= _site
report: $(STAMP)
	@if [ -z "$${DFD_DATA:-}" ]; then $(BIN)/dfd-demo-data; fi
	mkdir -p $(REPORT)/nbs
	for nb in $(NOTEBOOKS); do \
	  echo "== executing $$nb"; \
	  DFD_COMPARE="$(COMPARE)" $(BIN)/jupyter nbconvert --log-level WARN --to notebook --execute --ExecutePreprocessor.timeout=-1 --output-dir $(REPORT)/nbs "$$nb"; \
	done
	$(MAKE) --no-print-directory docs
	@$(BIN)/python -c "from dfd.core import get_config; c = get_config(); print(f'report done.\n  dataset:   {c.data}\n  stage outputs: {c.work}\n  figures:   {c.figures}\n  executed notebooks: $(REPORT)/nbs/\n  website:   $(SITE)/index.html')"

# the course website from the executed notebooks: nbdev_docs where Quarto is installed, else Sphinx + myst-nb (offline)
docs: $(STAMP)
	$(BIN)/python docs/build.py --executed $(REPORT)/nbs --out $(SITE)

# browser tests in headless Chromium: the app served by `make app`, and a website built from a reduced-configuration report
# (kept apart from _report and _site)
e2e: $(STAMP)
	DFD_QUICK=1 $(MAKE) --no-print-directory report REPORT=_build/e2e/report SITE=_build/e2e/site
	DFD_QUICK=1 DFD_SITE=_build/e2e/site $(BIN)/pytest e2e

report-ffpp: $(STAMP)
	mkdir -p .torch/hub/checkpoints
	test -e .torch/hub/checkpoints/$(notdir $(V2_WEIGHTS)) || cp $(V2_WEIGHTS) .torch/hub/checkpoints/
	TORCH_HOME=$(CURDIR)/.torch DFD_DATA=$(abspath $(FFPP)) $(MAKE) --no-print-directory report COMPARE=mobilenet_v3_small:false,mobilenet_v2

# the released detector (dfd/weights/, used by dfd predict and the app where no run is trained): MobileNetV2 from ImageNet trained on the
# real faces of the FF++ sample's training videos and their self-blends (32 frames a video: RELEASE_WORK), trained on no fake video; among
# the runs there (the 10-frame split copied, so that both score the same videos), the best by validation AUC, in fp16, with its card, scored on the validation videos as dfd predict samples them (10 frames)
RELEASE_WORK ?= data/work/ffpp_c23_sample-32frames
release: $(STAMP)
	mkdir -p .torch/hub/checkpoints $(RELEASE_WORK)/splits
	test -e .torch/hub/checkpoints/$(notdir $(V2_WEIGHTS)) || cp $(V2_WEIGHTS) .torch/hub/checkpoints/
	export DFD_DATA=$(abspath $(FFPP)); $(BIN)/dfd preprocess && $(BIN)/dfd split --kind group \
	  && cp data/work/$(notdir $(abspath $(FFPP)))/splits/group.csv $(RELEASE_WORK)/splits/ \
	  && DFD_WORK=$(RELEASE_WORK) $(BIN)/dfd preprocess --frames 32 \
	  && TORCH_HOME=$(CURDIR)/.torch DFD_WORK=$(RELEASE_WORK) $(BIN)/dfd train --arch mobilenet_v2 --pretrained true --mode sbi \
	  && $(BIN)/python -c "from pathlib import Path; from dfd.core import get_config; from dfd.inference import best_run, release_candidates, release_detector; \
	       cfg, pool = get_config(), get_config(work=Path('$(abspath $(RELEASE_WORK))')); run, _ = best_run(pool); \
	       c = release_detector(cfg, run, command='make release', chosen_from=len(release_candidates(pool))); \
	       print(c['file'], c['arch'], c['init'], c['training'], 'video AUC', c['video_auc'], c['video_auc_ci'], 'threshold', c['threshold'])"

# the web app: the DetectorApp of nbs/14_app.ipynb, served alone (nbs/app.ipynb) by Voila on localhost. The app caps uploads at 100 MB;
# an upload reaches the kernel as one websocket message, so tornado's default limit (10 MiB) is raised to 110 MiB.
APP_PORT ?= 8866
app: $(STAMP)
	@echo "the app will be at http://127.0.0.1:$(APP_PORT)/ (Ctrl-C stops it)"
	PATH=$(CURDIR)/$(BIN):$$PATH container/serve-app.sh nbs/app.ipynb 127.0.0.1 $(APP_PORT)

# the container image (Dockerfile), built with podman and tested (e2e/test_container.py: dfd predict inside it on a demo video, as
# on the host; the app's page served from it). CONTAINER_BASE: the base image (default: the Dockerfile's public Python image);
# TORCH_INDEX: where the CPU builds of torch are. Where no registry can be reached, `make container-base` makes a Debian base
# locally (container/local-base.sh: Debian's packages and this machine's Python), and `make container-offline` builds on it with torch from PyPI
IMAGE ?= dfd:latest
CONTAINER_BASE ?=
TORCH_INDEX ?=
LOCAL_BASE := localhost/debian-python:bookworm
# this machine's limits cannot be raised inside a container (runc: "error setting rlimit ... operation not permitted"): give lower ones
PODMAN_LIMITS ?= --ulimit nofile=1024:1024 --ulimit nproc=4096:4096
# the host's certificates and pip settings, read-only, so that pip inside the build reaches the same package registries
PIP_MOUNTS := $(foreach f,$(wildcard /etc/pip.conf /etc/ssl/certs/ca-certificates.crt),-v $(f):$(f):ro)
container-base:
	podman image exists $(LOCAL_BASE) || { mkdir -p _build/base && container/local-base.sh $(LOCAL_BASE) "$$($(PYTHON) -c 'import sys; print(sys.base_prefix)')" _build/base; }

# what CI runs: skipped, with podman's error, only where podman cannot start a container at all
container-offline: container-base
	@if out=$$(podman run --rm $(PODMAN_LIMITS) $(LOCAL_BASE) true 2>&1); then \
	  $(MAKE) --no-print-directory container CONTAINER_BASE=$(LOCAL_BASE) TORCH_INDEX=https://pypi.org/simple; \
	else echo "podman cannot run a container on this machine, so the image is not built here: $$out"; fi

# the build stage is tagged too (BUILD_IMAGE), and what the two tags pointed to before the build is removed once no tag names it:
# every build left a 7 GB image and its build stage behind, untagged, until CI's disk was full. rmi without --force keeps an image
# a container uses; a test container left by a killed run is removed first. The build stage's layers (torch) stay cached.
BUILD_IMAGE ?= dfd-build:latest
BUILD_ARGS = $(PODMAN_LIMITS) $(PIP_MOUNTS) $(if $(CONTAINER_BASE),--build-arg BASE=$(CONTAINER_BASE)) $(if $(TORCH_INDEX),--build-arg TORCH_INDEX=$(TORCH_INDEX))
container: $(STAMP)
	podman ps -aq --filter name=dfd-app-test- | xargs -r podman rm -f
	old=$$(for tag in $(IMAGE) $(BUILD_IMAGE); do podman image inspect --format '{{.Id}}' $$tag 2>/dev/null || true; done); \
	podman build $(BUILD_ARGS) --target build -t $(BUILD_IMAGE) . && podman build $(BUILD_ARGS) -t $(IMAGE) . && \
	for id in $$old; do \
	  if [ "$$(podman image inspect --format '{{len .RepoTags}}' $$id 2>/dev/null)" = 0 ]; then podman rmi $$id || echo "kept $$id, which a container still uses"; fi; \
	done
	DFD_QUICK=1 $(BIN)/dfd-demo-data
	DFD_QUICK=1 DFD_IMAGE=$(IMAGE) DFD_PODMAN_LIMITS="$(PODMAN_LIMITS)" $(BIN)/pytest -s e2e/test_container.py
	@podman image inspect --format '{{.Size}}' $(IMAGE) | awk '{printf "image $(IMAGE): %.2f GB\n", $$1/1e9}'

clean:
	rm -rf _report _docs _proc _build _site
