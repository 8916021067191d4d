"""What the autotuning and CLI tests share: a tiny SPEC and isolation from the user's
tuning databases and loaded artifacts."""

from __future__ import annotations

import pytest

from kvcc.autotune import artifacts, lookup

TINY = """
[[attention]]
name = "tiny"
heads = 4
kv_heads = 2
head_dim = 64
dtype = "f16"
mask = "causal"
[attention.lengths]
batch = [64]
q_len = [1]
kv_len = [256]
"""


@pytest.fixture(autouse=True)
def isolated_tuning(tmp_path, monkeypatch):
    """Each test reads and writes databases under its own cache dir, with no leftovers."""
    monkeypatch.setenv("KVCC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(artifacts.ENV, raising=False)
    lookup.reload(forget_databases=True)
    artifacts.clear()
    yield
    lookup.reload(forget_databases=True)
    artifacts.clear()
