"""Golden IR tests: each ``tests/golden/*.kvcc`` file has a ``// RUN: <pipeline>``
line, ``// CHECK: text`` lines (in order, in the printed result) and a module.
The result is compared structurally with ``<name>.expected`` (regenerate with
``pytest --update-goldens``). Input and expected both round-trip."""

from __future__ import annotations

import pathlib

import pytest

from kvcc.ir import parse, print_module
from kvcc.passes import Pipeline

GOLDEN = pathlib.Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("*.kvcc"))


def _directives(text: str, key: str) -> list[str]:
    return [ln.split(f"// {key}:", 1)[1].strip() for ln in text.splitlines()
            if ln.strip().startswith(f"// {key}:")]


def test_there_are_goldens():
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden(path: pathlib.Path, update_goldens: bool):
    text = path.read_text()
    (pipeline,) = _directives(text, "RUN")
    module = parse(text)
    assert parse(print_module(module)) == module
    out = Pipeline.parse(pipeline).run(module)
    printed = print_module(out)
    pos = 0
    for check in _directives(text, "CHECK"):
        found = printed.find(check, pos)
        assert found >= 0, f"CHECK not found after position {pos}: {check!r}\n{printed}"
        pos = found + len(check)
    expected = path.with_suffix(".expected")
    if update_goldens or not expected.exists():
        if not update_goldens:
            pytest.fail(f"{expected.name} is missing; run pytest --update-goldens")
        expected.write_text(printed)
    want = parse(expected.read_text())
    assert out == want, f"{path.name}: result differs from {expected.name}:\n{printed}"
