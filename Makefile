# The two set-up commands: `make demo` and `make test`. Both create .venv when
# missing and (re)install only when pyproject.toml changed, so a second run is quick.
PYTHON ?= python3
TORCH ?= torch==2.13.0
EXTRAS ?= triton,tvm,test,bench
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kvcc-installed

# A second, minimal environment with triton 3.6 (what the GPU machines run): the
# tests compile every emitted kernel with it too.
VENV36 := .venv-triton36
STAMP36 := $(VENV36)/.kvcc-installed

.PHONY: demo test install clean-venv

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH)"
	$(PY) -m pip install --quiet -e ".[$(EXTRAS)]"
	@echo "$(TORCH) [$(EXTRAS)]" > $(STAMP)

$(STAMP36): Makefile
	@test -x $(VENV36)/bin/python || $(PYTHON) -m venv $(VENV36)
	$(VENV36)/bin/python -m pip install --quiet "$(TORCH)"
	$(VENV36)/bin/python -m pip install --quiet "triton==3.6.0" numpy sympy networkx
	@touch $(STAMP36)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m kvcc.demo

test: $(STAMP) $(STAMP36)
	TRITON_INTERPRET=1 KVCC_TRITON36_PYTHON=$(VENV36)/bin/python $(PY) -m pytest -q -m "not gpu" tests

clean-venv:
	rm -rf $(VENV) $(VENV36)
