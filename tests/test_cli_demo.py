"""The demo (make demo's main job) and the command line."""

from __future__ import annotations

import pathlib

from kvcc import cli, demo

GOLDEN = pathlib.Path(__file__).parent / "golden"


def test_demo_passes_and_reports(capsys):
    assert demo.main(["--seq", "40", "--batch", "1", "--new-tokens", "3"]) == 0
    out = capsys.readouterr().out
    assert "IR before" in out and "IR after" in out and "pass simplify-masks" in out
    assert "mask=sliding_window(48)" in out  # the pass really rewrote layer 1
    assert "generation through the cache: same tokens as the plain model" in out
    assert "bytes/token" in out and "tokens/s" in out
    assert "result: PASS" in out


def test_demo_with_a_longer_pipeline(capsys):
    assert demo.main(["--seq", "40", "--batch", "1", "--new-tokens", "2", "--pipeline",
                      "simplify-masks,chunk-prefill{size=16},split-kv{splits=2}"]) == 0
    out = capsys.readouterr().out
    assert "for {index=" in out and "result: PASS" in out


def test_cli_opt_and_print_ir_after_all(capsys):
    path = GOLDEN / "simplify_window.kvcc"
    assert cli.main(["opt", str(path), "--pipeline", "simplify-masks,split-kv{splits=2}",
                     "--print-ir-after-all"]) == 0
    cap = capsys.readouterr()
    assert "IR after simplify-masks" in cap.err and "IR after split-kv{splits=2}" in cap.err
    assert cap.out.startswith("module @windows")


def test_cli_errors_are_reported(capsys, tmp_path):
    bad = tmp_path / "bad.kvcc"
    bad.write_text("module @m(%q: tensor<[2], f32>) {\n  return %x\n}\n")
    assert cli.main(["opt", str(bad)]) == 1
    assert "undefined %x" in capsys.readouterr().err
    assert cli.main(["opt", str(GOLDEN / "chunk_prefill.kvcc"), "--pipeline", "nope"]) == 1
    assert "unknown pass 'nope'" in capsys.readouterr().err


def test_cli_lists_passes(capsys):
    assert cli.main(["passes"]) == 0
    out = capsys.readouterr().out
    assert "split-kv" in out and "chunk-prefill" in out and "simplify-masks" in out


def test_cli_explain_shows_spec_tiles_and_source(capsys):
    assert cli.main(["explain", str(GOLDEN / "chunk_prefill.kvcc"), "--pipeline", ""]) == 0
    out = capsys.readouterr().out
    assert "// KernelSpec" in out and "mask = causal" in out
    assert "empty (never loaded)" in out and "@jit" in out and "def kvcc_attn_" in out


def test_cli_explain_sass_prints_the_static_profile(capsys):
    """--sass compiles the kernel for sm_80 and sm_90 (and with TMA on sm_90) without a GPU
    and reports what its machine code says."""
    assert cli.main(["explain", str(GOLDEN / "chunk_prefill.kvcc"), "--pipeline", "",
                     "--sass"]) == 0
    out = capsys.readouterr().out
    rows = [ln for ln in out.splitlines() if ln.startswith("// | ") and "HMMA" in ln
            or ln.startswith("// | ") and "HGMMA" in ln]
    assert len(rows) == 3, out[-2000:]
    assert "| attention | 80 |" in out and "| attention | 90 |" in out
    tma = next(ln for ln in rows if ln.startswith("// | tma attention | 90 |"))
    assert int(tma.split("|")[10]) > 0  # UTMALDG loads
