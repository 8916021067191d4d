"""The benchmark suite in its CPU mode (tiny shapes, interpreter kernels, reference
anchors), so the harness and every declaration keep working without a GPU."""

from __future__ import annotations

import json

import pytest
import torch

from tests.triton_helpers import needs_triton


@needs_triton
def test_suite_runs_in_cpu_mode(tmp_path, capsys):
    from benchmarks.run import main

    assert main(["--cpu-tiny", "--out", str(tmp_path)]) == 0
    data = json.loads((tmp_path / "results.json").read_text())
    ids = {r["id"] for r in data["results"]}
    assert ids == {"P1", "P2", "P3", "C1", "D1", "D2", "D3", "D4", "S1"}
    for r in data["results"]:
        assert r["error"] is None, r
        # kvcc agrees with the best anchor on the same inputs (D2: with the reference on
        # the same stored K/V; its anchors decode bf16, so they differ by the format's error)
        assert r["correct"] is True, r
        assert r["times_ms"]["kvcc"] > 0 and r["work"] > 0
        assert 0 < r["roofline"]["kvcc"]
        for anchor, diff in r["diff_by_anchor"].items():  # every anchor computes the same thing
            if r["id"] == "D3":  # Quest reads selected pages: dense anchors are baselines only
                continue
            bound = 0.5 if r["id"] == "D2" else 1e-4  # (D2: kvcc reads the format, not bf16)
            assert diff is not None and diff < bound, (r["id"], r["shape"], anchor, diff)
        if r["id"] == "D4":  # Flex over the same shuffled pages, not only dense SDPA
            assert r["times_ms"]["flex-paged"] > 0 and not r["skipped"], r
    assert data["environment"]["mode"] == "cpu-tiny"
    table = (tmp_path / "results.md").read_text()
    assert "| P1 |" in table and "| D4 |" in table
    assert capsys.readouterr().out.rstrip().endswith(table.rstrip().splitlines()[-1])
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return
    assert (tmp_path / "prefill.png").stat().st_size > 0 and (tmp_path / "decode.png").exists()


def test_suite_declarations_are_small_and_complete():
    from benchmarks.suite import SUITE

    assert [b.id for b in SUITE].count("P1") == 4 and [b.id for b in SUITE].count("D1") == 3
    assert [b.id for b in SUITE].count("D2") == 8  # four formats x two shapes
    assert [b.id for b in SUITE].count("D3") == 2
    assert all(callable(b.setup) for b in SUITE)


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a GPU")
def test_gpu_correctness():
    from benchmarks.gpu_correctness import main

    assert main() == 0


def test_gpu_check_script_is_valid_bash():
    import pathlib
    import subprocess

    script = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "gpu_check.sh"
    assert subprocess.run(["bash", "-n", str(script)]).returncode == 0


def test_archive_accepts_only_gpu_runs_and_updates_the_readme(tmp_path):
    from benchmarks import archive

    out = tmp_path / "out"
    out.mkdir()
    env = {"gpu": "NVIDIA H100 80GB HBM3", "torch": "2.11.0", "triton": "3.6.0", "mode": "cpu-tiny"}
    (out / "results.json").write_text(json.dumps({"environment": env}))
    (out / "results.md").write_text("| id |\n|---|\n| P1 |\n")
    with pytest.raises(ValueError, match="only GPU runs"):
        archive.archive(out, tmp_path / "results")
    env["mode"] = "gpu"  # the archiving code path; no result is claimed by this test
    (out / "results.json").write_text(json.dumps({"environment": env}))
    import datetime

    dest = archive.archive(out, tmp_path / "results", datetime.date(2026, 11, 26))
    assert dest.name == "nvidia-h100-80gb-hbm3-2026-11-26"
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n## Performance\n\nold\n\n## Later\n\nkept\n")
    archive.update_readme(readme, tmp_path / "results")
    text = readme.read_text()
    assert "### NVIDIA H100 80GB HBM3 (2026-11-26, torch 2.11.0, triton 3.6.0)" in text
    assert "old" not in text and "## Later\n\nkept" in text


@needs_triton
@pytest.mark.parametrize("layout,shape,mask", [
    ("dense", (2, 4, 2, 40, 40, 32), "causal"),
    ("bshd", (2, 4, 2, 37, 53, 32), None),
    ("cache", (3, 8, 2, 1, 70, 32), "causal"),
    ("cache", (2, 4, 2, 20, 53, 32), "causal"),  # a prefill chunk after cached tokens
    ("paged", (3, 8, 2, 1, 70, 32), None),
    ("varlen", (1, 2, 2, 45, 45, 32), "documents"),
    ("varlen", (1, 4, 2, 45, 45, 32), "documents"),  # grouped-query heads
])
def test_gpu_correctness_cases_run_on_the_cpu(layout, shape, mask):
    """The GPU check's own plumbing (paged and varlen conversions, tolerances), on tiny
    shapes in the interpreter, so a scarce GPU run does not find its bugs."""
    from benchmarks.gpu_correctness import _case
    from kvcc import masks as M

    m = {"causal": M.causal(), None: None,
         "documents": M.document([20, 5, 20]) & M.causal()}[mask]
    r = _case(torch.float32, *shape, m, seed=3, layout=layout, device="cpu")
    assert r["ok"] and r["max"] < 1e-4, r


@needs_triton
@pytest.mark.parametrize("fmt", ["int4", "kivi2", "fp8"])
def test_gpu_quantized_cases_run_on_the_cpu(fmt):
    """The GPU check's quantized cases (kernel against the reference on the same stored
    K/V, tolerance from 16-bit attention over the dequantized K/V), on tiny shapes."""
    from benchmarks.gpu_correctness import _formats, _quant_case

    r = _quant_case(torch.float32, _formats()[fmt], 1, 4, 2, 3, 170, 32, seed=4, device="cpu")
    assert r["ok"] and r["max"] < 1e-4, r


@needs_triton
@pytest.mark.parametrize("fmt", ["int4", "kivi2", "fp8"])
def test_gpu_quantized_cache_cases_run_on_the_cpu(fmt):
    """The GPU check's quantized-cache cases (state against the prefill rule, attention
    against the reference over the dequantized cache), on tiny shapes."""
    from benchmarks.gpu_correctness import _formats, _quant_cache_case

    r = _quant_cache_case(torch.float32, _formats()[fmt], 2, 4, 2, [150, 3], 32, seed=5,
                          device="cpu")
    assert r["ok"] and r["max"] < 1e-4 and r["codes_equal"] == 1.0, r


@needs_triton
@pytest.mark.parametrize("sq,window", [(40, 8), (1, 0)])
def test_gpu_scores_cases_run_on_the_cpu(sq, window):
    from benchmarks.gpu_correctness import _scores_case

    r = _scores_case(torch.float32, 2, 8, 2, sq, 150, 32, window, seed=6, device="cpu")
    assert r["ok"] and r["max"] < 1e-5, r


def test_compile_time_aot_mode_measures_without_a_gpu():
    from benchmarks.compile_time import measure_aot

    res = measure_aot()  # what it measures is reported, not asserted (no timed tests)
    assert set(res) == {"imports_ms", "lowering_ms", "compile_sm90_ms", "compile_sm80_ms"}
    assert all(v > 0 for v in res.values())


def test_host_overhead_measures_every_entry_on_the_cpu():
    """The host-overhead benchmark runs in CPU mode (reference compute, and the generated-
    kernel path with launches stubbed); what it measures is reported, not asserted."""
    from benchmarks.host_overhead import TARGETS, measure, report

    for stub in (False, True):
        res = measure("cpu", calls=5, stub_launch=stub)
        assert set(res["us_per_call"]) >= {"torch SDPA", *TARGETS}
        assert all(t > 0 for t in res["us_per_call"].values())
        assert set(res["targets"]) == set(TARGETS)
        assert "SDPA" in report(res)
