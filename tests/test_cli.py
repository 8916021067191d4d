"""Every ``kvcc`` command end to end on the CPU: env, explain (IR files and SPECs),
compile (a real sm_90 artifact), tune (refused without a GPU, exit 2; --dry-run),
db ls/show/merge/export, bench."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest
import torch

import kvcc
from kvcc import cli
from kvcc.autotune import artifacts, db, lookup
from kvcc.autotune.db import Config, Entry
from kvcc.autotune.keys import Bucket
from tests.autotune_helpers import TINY, isolated_tuning  # noqa: F401 (autouse)

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPECS = ROOT / "examples" / "specs"
GOLDEN = ROOT / "tests" / "golden"
NO_GPU = not torch.cuda.is_available()


def _tiny(tmp_path, text: str = TINY) -> str:
    p = tmp_path / "tiny.toml"
    p.write_text(text)
    return str(p)


@pytest.mark.parametrize("cmd", [[], ["env"], ["compile"], ["tune"], ["db"], ["explain"],
                                 ["db", "merge"], ["bench"]])
def test_every_command_has_help(cmd, capsys):
    if cmd == ["bench"]:
        assert cli.main(["bench", "--help"]) == 0
    else:
        with pytest.raises(SystemExit) as e:
            cli.main([*cmd, "--help"])
        assert e.value.code == 0
    out = capsys.readouterr().out
    assert "usage: kvcc" in out
    words = {(): ["compile", "tune", "db", "env", "bench", "explain"],
             ("env",): ["GPU", "backends", "versions"],
             ("compile",): ["--target", "cubin", "manifest.json", "KVCC_ARTIFACTS"],
             ("tune",): ["do_bench", "exits with status 2", "--budget"],
             ("db",): ["merge", "export", "ls"], ("explain",): ["SPEC", "roofline", ".kvcc"],
             ("db", "merge"): ["--into"], ("bench",): ["benchmarks.run", "--cpu-tiny"]}
    for w in words[tuple(cmd)]:
        assert w in out, (w, out)


@pytest.mark.skipif(not NO_GPU, reason="this machine has a GPU")
def test_env_says_plainly_there_is_no_gpu(capsys):
    assert cli.main(["env"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("GPU: none: ") and ("CPU-only build" in out or "no CUDA device" in out)
    assert "reference  yes" in out and "triton" in out and "tvm" in out
    assert "ahead-of-time compile: yes" in out and f"kvcc {kvcc.__version__}" in out
    assert cli.main(["env", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["gpu"] is None and info["no_gpu"] and info["versions"]["triton"]


def test_explain_spec(capsys):
    assert cli.main(["explain", str(SPECS / "prefill_window.toml")]) == 0
    out = capsys.readouterr().out
    assert "IR after simplify-masks" in out and "// KernelSpec" in out
    assert "mask=causal & sliding_window(4096)" in out  # before the pipeline
    assert "//   mask = sliding_window(4096)" in out  # the kernel's, simplified
    assert "empty (never loaded)" in out and "def kvcc_attn_" in out
    assert "| mistral-prefill B=1 q=2048 kv=2048 |" in out and "| compute |" in out
    if NO_GPU:
        assert "tuned configurations: none here" in out


def test_explain_spec_with_a_database(tmp_path, capsys):
    from kvcc.autotune.keys import triton_series, tuning_key, tuning_text
    from kvcc.autotune.problems import kernels, problems
    from kvcc.autotune.specfile import load

    spec_path = _tiny(tmp_path)
    p = problems(load(spec_path))[0]
    spec = kernels(p, 90, 132)[0].spec
    from kvcc.autotune.device import triton_version

    e = Entry(tuning_key(spec), tuning_text(spec), p.shape.bucket(),
              triton_series(triton_version()), Config(16, 32, 4, 3, 1, True), 0.01)
    path = tmp_path / "NVIDIA_H100-sm90.json"
    db.write(path, [e], {"device_key": "NVIDIA_H100-sm90"})
    assert cli.main(["explain", spec_path, "--db", str(path)]) == 0
    assert "| 16x32 w4 s3 splits 1 tma |" in capsys.readouterr().out
    path.write_text(path.read_text()[:40])
    assert cli.main(["explain", spec_path, "--db", str(path)]) == 1
    assert f"--db {path}: corrupt" in capsys.readouterr().err


def test_explain_still_takes_ir_files(capsys):
    assert cli.main(["explain", str(GOLDEN / "chunk_prefill.kvcc"), "--pipeline", ""]) == 0
    assert "// KernelSpec" in capsys.readouterr().out


def test_bad_spec_is_reported_with_file_and_key(tmp_path, capsys):
    bad = _tiny(tmp_path, TINY.replace("head_dim = 64", 'head_dim = "wide"'))
    for cmd in (["explain", bad], ["tune", bad], ["compile", bad, "--target", "cuda:90",
                                                  "--out", str(tmp_path / "o")]):
        assert cli.main(cmd) == 1
        err = capsys.readouterr().err
        assert f"{bad}: [[attention]] 'tiny' key 'head_dim': expected a positive integer" in err
    assert cli.main(["explain", str(tmp_path / "missing.toml")]) == 1
    assert "cannot read the SPEC file" in capsys.readouterr().err


@pytest.mark.skipif(not NO_GPU, reason="this machine has a GPU")
def test_tune_without_a_gpu_exits_2_after_checking_the_spec(tmp_path, capsys):
    assert cli.main(["tune", str(SPECS / "decode_gqa.toml")]) == 2
    err = capsys.readouterr().err
    assert "needs a CUDA GPU" in err and "none here" in err and "The SPEC is valid: 9 problems" in err
    assert cli.main(["tune", str(SPECS / "decode_gqa.toml"), "--dry-run", "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "llama3-8b-decode B=64 q=1 kv=131072: " in out and "model" in out


@pytest.mark.slow
def test_compile_writes_a_loadable_artifact(tmp_path, capsys):
    spec = _tiny(tmp_path)
    out = tmp_path / "art"
    assert cli.main(["compile", spec, "--target", "cuda:90", "--out", str(out),
                     "--no-progress"]) == 0
    text = capsys.readouterr().out
    assert "kvcc.load_artifacts" in text and "KVCC_ARTIFACTS" in text
    m = json.loads((out / "manifest.json").read_text())
    (k,) = m["kernels"]
    assert m["target"] == {"backend": "cuda", "arch": 90} and m["spec_file"] == "tiny.toml"
    assert (out / k["files"]["cubin"]).read_bytes()[:4] == b"\x7fELF"
    assert (out / k["files"]["ptx"]).read_text().lstrip().startswith("//")
    assert json.loads((out / k["files"]["metadata"]).read_text())["name"] == k["function"]
    for kind, name in k["files"].items():
        assert artifacts.sha256(out / name) == k["sha256"][kind]
    # back on the CPU side: the manifest, hashes and kernel name check out
    (res,) = kvcc.load_artifacts(out)
    assert res.error is None and not res.skipped
    (a,) = res.kernels
    assert a.function == f"kvcc_attn_{a.spec.key()}" == k["function"] and a.arch == 90
    # compiling again replaces the artifact directory; other directories are refused
    assert cli.main(["compile", spec, "--target", "cuda:90", "--out", str(out),
                     "--no-progress"]) == 0
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    assert cli.main(["compile", spec, "--target", "cuda:90", "--out", str(other)]) == 1
    assert "refusing to replace it" in capsys.readouterr().err
    assert (other / "keep.txt").read_text() == "mine"


def test_compile_refuses_other_backends_and_targets(tmp_path, capsys):
    spec = _tiny(tmp_path)
    assert cli.main(["compile", spec, "--target", "cuda:90", "--backend", "reference", "--out",
                     str(tmp_path / "o")]) == 1
    assert "triton and tvm backends only" in capsys.readouterr().err
    assert cli.main(["compile", spec, "--target", "rocm:942", "--out", str(tmp_path / "o")]) == 1
    assert "expected cuda:<arch>" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def _write_db(path: pathlib.Path, key: str, tag: str, n: int = 2) -> None:
    es = [Entry(f"{tag}{i:023d}", "spec", Bucket(1, 4, 2, 1, 256 << i), "3.6",
                Config(16, 64, 4, 2), 0.01 * (i + 1), {"default_ms": 0.02}) for i in range(n)]
    db.write(path, es, {"device_key": key, "gpu": "Test GPU"})


def test_db_commands(tmp_path, capsys):
    key = "TEST_GPU-sm90"
    user = lookup.user_dir() / f"{key}.json"
    _write_db(user, key, "a")
    assert cli.main(["db", "ls"]) == 0
    out = capsys.readouterr().out
    assert f"user     {key}" in out and "2 entries  ok" in out
    assert cli.main(["db", "show", key]) == 0
    out = capsys.readouterr().out
    assert str(user) in out and "device_key: TEST_GPU-sm90" in out and "(2.00x over heuristic)" in out
    other = tmp_path / "other.json"
    _write_db(other, key, "b", 3)
    merged = tmp_path / "merged.json"
    assert cli.main(["db", "merge", str(user), str(other), "--into", str(merged)]) == 0
    assert len(db.read(merged, key).entries) == 5
    foreign = tmp_path / "foreign.json"
    _write_db(foreign, "OTHER-sm80", "c")
    assert cli.main(["db", "merge", str(user), str(foreign), "--into", str(merged)]) == 1
    assert "one device per database" in capsys.readouterr().err
    exported = tmp_path / "export.json"
    assert cli.main(["db", "export", "--device", key, "--out", str(exported)]) == 0
    assert set(db.read(exported, key).entries) == set(db.read(user, key).entries)
    bad = tmp_path / "bad.json"
    bad.write_text("{truncated")
    assert cli.main(["db", "show", str(bad)]) == 1
    assert "corrupt" in capsys.readouterr().err


def test_bench_runs_the_suite_from_a_checkout(tmp_path, monkeypatch, capsys):
    if NO_GPU:  # without --cpu-tiny the suite says it needs a GPU: its exit code passes through
        assert cli.main(["bench", "--only", "P1"]) == 2
    monkeypatch.setattr(kvcc, "__file__", str(tmp_path / "site" / "kvcc" / "__init__.py"))
    assert cli.main(["bench"]) == 2
    assert "source checkout" in capsys.readouterr().err


PY36 = os.environ.get("KVCC_TRITON36_PYTHON")
LOAD36 = r"""
import sys
from kvcc.autotune import artifacts
from kvcc.autotune.prebuilt import PrebuiltKernel
(res,) = artifacts.load_artifacts(sys.argv[1])
assert res.error is None and not res.skipped, (res.error, res.skipped)
for a in res.kernels:
    ck = PrebuiltKernel(a, None).compiled()  # Triton's CompiledKernel, built from the files
    assert ck.name == a.function and ck.metadata.target.arch == 90
print(len(res.kernels), "kernels")
"""


@pytest.mark.slow
@pytest.mark.skipif(not PY36, reason="KVCC_TRITON36_PYTHON (make test sets it) is not set")
def test_compile_with_the_gpu_machines_triton(tmp_path, capsys):
    """Artifacts built with triton 3.6 (what the GPU machine runs) load under triton 3.6
    as far as a CPU can take them: checks, and Triton's CompiledKernel from the files."""
    out = tmp_path / "art36"
    assert cli.main(["compile", _tiny(tmp_path), "--target", "cuda:90", "--out", str(out),
                     "--python", PY36, "--no-progress"]) == 0
    assert "triton 3.6" in capsys.readouterr().out
    env = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
    r = subprocess.run([PY36, "-c", LOAD36, str(out)], env=env | {"PYTHONPATH": str(ROOT)},
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "1 kernels" in r.stdout, r.stderr[-3000:]
