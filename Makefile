# The two set-up commands: `make demo` and `make test`. Both create .venv when
# missing and (re)install only when pyproject.toml changed, so a second run is quick.
PYTHON ?= python3
TORCH ?= torch==2.13.0
EXTRAS ?= triton,tvm,test,bench
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kvcc-installed

.PHONY: demo test install clean-venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH)"
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	@echo "$(TORCH) [$(EXTRAS)]" > $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m kvcc.demo

test: $(STAMP)
	TRITON_INTERPRET=1 $(PY) -m pytest -q -m "not gpu" tests

clean-venv:
	rm -rf $(VENV)
