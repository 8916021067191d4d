"""The tuning database, its lookup, SPEC files, the offline tuner and prebuilt artifacts.

What needs a GPU (measuring, launching a cubin) is GPU-marked; everything else runs
here: artifacts are compiled for sm_90 without a GPU and checked as far as a CPU can
(manifest, hashes, kernel names, Triton's CompiledKernel built from the files).
"""

from __future__ import annotations

import dataclasses
import json
import os
import pathlib
import shutil
import subprocess
import sys
import warnings

import pytest
import torch

from kvcc.autotune import artifacts, cost, db, lookup, space, specfile, tuner
from kvcc.autotune.db import Config, Entry, TuningDatabaseWarning
from kvcc.autotune.device import peak
from kvcc.autotune.keys import Bucket, Shape, device_key, pow2_ceil, tuning_key, tuning_text
from kvcc.autotune.problems import kernels, problems
from kvcc.codegen.triton.spec import Tiles
from tests.autotune_helpers import TINY, isolated_tuning  # noqa: F401 (autouse)

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPECS = sorted((ROOT / "examples" / "specs").glob("*.toml"))
DEV = "TEST_GPU-sm90"


def _spec(text: str = TINY):
    sf = specfile.parse(text, "tiny.toml")
    p = problems(sf)[0]
    return p, kernels(p, 90, 132)[0].spec


def _entry(spec, shape: Shape, cfg: Config, ms: float = 0.01, triton: str | None = None) -> Entry:
    from kvcc.autotune.device import triton_version
    from kvcc.autotune.keys import triton_series

    return Entry(tuning_key(spec), tuning_text(spec), shape.bucket(),
                 triton or triton_series(triton_version()), cfg, ms, {"default_ms": 2 * ms})


META = {"device_key": DEV, "gpu": "Test GPU", "capability": [9, 0], "sm_count": 132}


# ---------------------------------------------------------------- keys and SPEC files


def test_tuning_key_leaves_out_the_tuned_fields():
    _, spec = _spec()
    other = dataclasses.replace(spec, block_m=64, block_n=32, num_warps=8, num_stages=3,
                                tma=not spec.tma, split=not spec.split)
    assert tuning_key(other) == tuning_key(spec) and other.key() != spec.key()
    assert "block_m" not in tuning_text(spec) and "head_dim = 64" in tuning_text(spec)
    assert tuning_key(dataclasses.replace(spec, mask="full")) != tuning_key(spec)


def test_buckets_and_device_keys():
    assert [pow2_ceil(n) for n in (0, 1, 3, 4, 5000)] == [1, 1, 4, 4, 8192]
    b = Shape(3, 32, 8, 1, 5000).bucket()
    assert b == Bucket(4, 32, 8, 1, 8192) and b.text() == "b4.h32.kv8.q1.k8192"
    assert b.distance(Bucket(4, 32, 8, 1, 4096)) == 1
    assert b.distance(Bucket(4, 16, 8, 1, 8192)) == float("inf")
    assert device_key("NVIDIA H100 80GB HBM3", (9, 0)) == "NVIDIA_H100_80GB_HBM3-sm90"


@pytest.mark.parametrize("path", SPECS, ids=[p.stem for p in SPECS])
def test_example_specs_lower_to_kernels(path):
    sf = specfile.load(path)
    assert sf.configs and sf.sha256
    for p in problems(sf):
        assert kernels(p, 90, 132)


@pytest.mark.parametrize("old, new, words", [
    ("heads = 4", "heads = 0", ["'heads'", "positive integer"]),
    ("kv_heads = 2", "kv_heads = 3", ["'kv_heads'", "divisor of heads=4"]),
    ('dtype = "f16"', 'dtype = "fp64"', ["'dtype'", "f16, bf16, f32", "'fp64'"]),
    ('dtype = "f16"', 'layout = "ragged"', ["'layout'", "dense, packed, paged"]),
    ('mask = "causal"', 'mask = "causal &"', ["'mask'", "kvcc mask"]),
    ('mask = "causal"', 'mask = "document(%ids)"', ["'mask'", "run-time mask tensors"]),
    ('dtype = "f16"', 'kv_format = "int3"', ["'kv_format'", "kivi2"]),
    ('dtype = "f16"', "page_size = 16", ["'page_size'", "paged"]),
    ('dtype = "f16"', 'pipeline = "nope"', ["'pipeline'", "unknown pass"]),
    ('dtype = "f16"', "colour = 1", ["unknown key 'colour'", "head_dim"]),
    ("batch = [64]", 'batch = ["8"]', ["'lengths.batch'", "positive integer"]),
])
def test_bad_spec_names_file_key_and_expected(old, new, words):
    with pytest.raises(specfile.SpecError) as e:
        specfile.parse(TINY.replace(old, new), "bad.toml")
    msg = str(e.value)
    assert msg.startswith("bad.toml: ") and "'tiny'" in msg, msg
    for w in words:
        assert w in msg, msg


def test_spec_lengths_and_toml_errors(monkeypatch):
    with pytest.raises(specfile.SpecError, match=r"x.toml: not valid TOML"):
        specfile.parse("[[attention]\n", "x.toml")
    with pytest.raises(specfile.SpecError, match=r"'lengths.q_len': missing"):
        specfile.parse(TINY.replace("q_len = [1]", ""), "x.toml")
    with pytest.raises(specfile.SpecError, match=r"kv_len >= a q_len"):
        specfile.parse(TINY.replace("q_len = [1]", "q_len = [512]"), "x.toml")
    sf = specfile.parse(TINY.replace("kv_len = [256]\n", "").replace("q_len = [1]",
                                                                      "q_len = [8, 16]"))
    assert [(s.q_len, s.kv_len) for s in sf.configs[0].shapes()] == [(8, 8), (16, 16)]
    monkeypatch.setitem(sys.modules, "tomllib", None)
    monkeypatch.setitem(sys.modules, "tomli", None)
    with pytest.raises(specfile.SpecError, match=r"Python 3.11 .*tomli"):
        specfile.parse(TINY)


# ---------------------------------------------------------------- the database


def test_database_round_trip_and_merge(tmp_path):
    _, spec = _spec()
    path = tmp_path / f"{DEV}.json"
    a = _entry(spec, Shape(64, 4, 2, 1, 256), Config(16, 64, 4, 2, 1, False))
    b = _entry(spec, Shape(64, 4, 2, 1, 4096), Config(16, 128, 4, 3, 4, True))
    db.write(path, [a], META)
    db.write(path, [b], META)
    got = db.read(path, DEV)
    assert set(got.entries) == {a.id, b.id} and got.entries[b.id] == b
    assert got.metadata["device_key"] == DEV and "updated" in got.metadata
    newer = dataclasses.replace(a, config=Config(32, 64, 8, 2, None, None), ms=0.005)
    db.write(path, [newer], META)  # the same key: the later entry replaces it
    assert db.read(path, DEV).entries[a.id].config.block_m == 32
    assert not list(tmp_path.glob(".*.tmp"))  # nothing half-written left behind
    with pytest.raises(ValueError, match="holds entries for"):
        db.write(path, [a], META | {"device_key": "OTHER-sm80"})


WRITER = r"""
import os, sys, time
if sys.argv[2] == "b":  # one writer without filelock: its fallback must exclude the other
    sys.modules["filelock"] = None
from kvcc.autotune import db
from kvcc.autotune.db import Config, Entry
from kvcc.autotune.keys import Bucket
path, tag, go = sys.argv[1], sys.argv[2], sys.argv[3]
print("ready", flush=True)
while not os.path.exists(go):  # both start writing at once
    time.sleep(0.001)
for i in range(100):
    e = Entry(f"{tag}{i:03d}", "spec", Bucket(1, 4, 2, 1, 256), "3.6", Config(16, 64, 4, 2), 0.01)
    db.write(path, [e], {"device_key": "TEST_GPU-sm90"})
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    """Each writer reads, merges and replaces the file 100 times; without the lock
    about half the entries are lost (checked when this test was written)."""
    path, go = tmp_path / f"{DEV}.json", tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag, str(go)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("a", "b")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.stderr.read()
    go.touch()
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read()
    got = db.read(path, DEV)
    assert len(got.entries) == 200
    assert {e.key[0] for e in got.entries.values()} == {"a", "b"}


def _bad_files(tmp_path) -> dict[str, pathlib.Path]:
    _, spec = _spec()
    good = tmp_path / "good.json"
    db.write(good, [_entry(spec, Shape(64, 4, 2, 1, 256), Config(16, 64, 4, 2))], META)
    text = good.read_text()
    files = {"corrupt": "{not json", "truncated": text[: len(text) // 2],
             "foreign": json.dumps({"N=1,K=2": {"BLOCK_SIZE_M": 16}}),
             "mismatched": text.replace(DEV, "OTHER_GPU-sm80"),
             "schema": text.replace('"kvcc_tuning_db": 1', '"kvcc_tuning_db": 99')}
    out = {}
    for name, t in files.items():
        out[name] = tmp_path / f"{name}.json"
        out[name].write_text(t)
    return out


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "foreign", "mismatched", "schema"])
def test_unusable_database_warns_once_and_falls_back(tmp_path, kind):
    p, spec = _spec()
    path = _bad_files(tmp_path)[kind]
    lookup.use_database(path)
    with pytest.warns(TuningDatabaseWarning) as rec:
        assert lookup.tuned_tiles(spec, p.shape, DEV) is None
    assert len(rec) == 1 and str(path) in str(rec[0].message)
    lookup.reload()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second read of the same file stays quiet
        assert lookup.tuned_tiles(spec, p.shape, DEV) is None
    # planning with the heuristic tiles still works
    assert kernels(p, 90, 132)[0].spec.block_n == spec.block_n


def test_malformed_entries_are_skipped_with_one_warning(tmp_path):
    p, spec = _spec()
    path = tmp_path / f"{DEV}.json"
    e = _entry(spec, p.shape, Config(16, 32, 4, 3))
    db.write(path, [e], META)
    data = json.loads(path.read_text())
    data["entries"]["x/b1.h4.kv2.q1.k256/triton3.6"] = {"spec": "s", "bucket": {}, "ms": -1}
    path.write_text(json.dumps(data))
    lookup.use_database(path)
    with pytest.warns(TuningDatabaseWarning, match="1 malformed entries"):
        assert lookup.tuned_tiles(spec, p.shape, DEV) == Tiles(16, 32, 4, 3)


def test_nearest_bucket_lookup(tmp_path):
    p, spec = _spec()
    path = tmp_path / f"{DEV}.json"
    small = Config(16, 32, 4, 2, 2, False)
    large = Config(16, 128, 8, 3, 8, True)
    db.write(path, [_entry(spec, Shape(64, 4, 2, 1, 4096), small),
                    _entry(spec, Shape(64, 4, 2, 1, 65536), large),
                    _entry(spec, Shape(64, 4, 2, 1, 5000), Config(64, 64, 4, 2), triton="0.1")],
             META)
    lookup.use_database(path)
    assert lookup.tuned_config(spec, Shape(64, 4, 2, 1, 4096), DEV) == small  # exact
    m = lookup.lookup(spec, Shape(50, 4, 2, 1, 5000), DEV)  # bucket b64 k8192: nearest k4096
    assert m.config == small and not m.exact
    assert lookup.tuned_config(spec, Shape(50, 4, 2, 1, 5000), DEV).num_splits is None
    assert lookup.tuned_tiles(spec, Shape(64, 4, 2, 1, 40000), DEV) == large.tiles()
    assert lookup.tuned_tiles(spec, Shape(64, 8, 2, 1, 4096), DEV) is None  # other heads
    other = dataclasses.replace(spec, mask="full")
    assert lookup.tuned_tiles(other, Shape(64, 4, 2, 1, 4096), DEV) is None
    # tile fields of the query are ignored: any candidate finds the entry
    assert lookup.tuned_tiles(dataclasses.replace(spec, block_n=16), Shape(64, 4, 2, 1, 4096),
                              DEV) == small.tiles()


def test_lookup_is_memoized_and_priority_ordered(tmp_path, monkeypatch):
    p, spec = _spec()
    user = lookup.user_dir() / f"{DEV}.json"
    db.write(user, [_entry(spec, p.shape, Config(16, 32, 4, 2))], META)
    extra = tmp_path / "mine.json"
    db.write(extra, [_entry(spec, p.shape, Config(16, 128, 4, 2))], META)
    reads = []
    real = db.read
    monkeypatch.setattr(db, "read", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    assert lookup.tuned_tiles(spec, p.shape, DEV) == Tiles(16, 32, 4, 2)  # user over shipped
    n = len(reads)
    for _ in range(100):
        lookup.tuned_tiles(spec, p.shape, DEV)
    assert len(reads) == n  # no file I/O after the first lookup
    lookup.use_database(extra)  # explicit databases come first
    assert lookup.tuned_tiles(spec, p.shape, DEV) == Tiles(16, 128, 4, 2)
    assert lookup.tuned_tiles(spec, p.shape, torch.device("cpu")) is None
    assert lookup.tuned_tiles(spec, p.shape) is None or torch.cuda.is_initialized()


def test_shipped_databases_hold_only_measured_entries():
    data = lookup.DATA_DIR
    assert (data / "README.md").exists()
    for f in data.glob("*.json"):
        d = db.parse(f.read_text(), f, f.stem)
        assert d.entries, f"{f}: a shipped database without entries"
        for e in d.entries.values():  # what kvcc tune records with each measurement
            assert e.ms > 0 and {"when", "measured", "candidates"} <= set(e.extra), \
                f"{f}: {e.id} was not written by kvcc tune"


# ---------------------------------------------------------------- search, model, tuner


def test_search_space_and_cost_model():
    p, spec = _spec()
    cands = space.candidates(spec, p.shape)
    assert cands[0] == space.default(spec)
    assert all(c.tiles.block_m <= 16 for c in cands)  # decode of 2 rows per program
    assert any(c.tma for c in cands) == spec.tma
    h100 = peak(90, "NVIDIA H100 80GB HBM3")
    decode = cost.floor(spec, p.shape, h100)
    assert decode.bound == "memory"
    pre = specfile.parse(TINY.replace("q_len = [1]", "q_len = [4096]").replace(
        "kv_len = [256]", "kv_len = [4096]"))
    pp = problems(pre)[0]
    ps = kernels(pp, 90, 132)[0].spec
    fl = cost.floor(ps, pp.shape, h100)
    assert fl.bound == "compute" and fl.intensity > 100
    est = cost.estimate(ps, pp.shape, h100)
    assert est.seconds >= fl.seconds
    full = dataclasses.replace(ps, mask="full")
    assert cost.estimate(full, pp.shape, h100).flops > 1.8 * est.flops  # causal skips tiles
    assert space.split_counts(4, 100) == [1, 2, 4, 8] and space.split_counts(4, 3) == [1, 2]


def _fake(spec, ok=True, shared=1000, spill=0, regs=128):
    from kvcc.autotune.aot import Compiled

    return Compiled(spec, 90, "f", ok, "" if ok else "boom", shared, regs, spill, "3.9", "h")


def test_rank_prunes_failures_overflow_and_spills():
    p, spec = _spec()
    k = kernels(p, 90, 132)[0]
    specs = [s for _, s, _ in tuner.candidate_specs(k, p, 132)]
    res = {s: _fake(s) for s in specs}
    res[specs[1]] = _fake(specs[1], ok=False)
    res[specs[2]] = _fake(specs[2], shared=10**6)
    res[specs[3]] = _fake(specs[3], spill=64)
    pl = tuner.rank(p, k, 90, peak(90), res)
    why = " ".join(pl.pruned.values())
    assert "compile failed" in why and "shared memory" in why and "spills 64 B" in why
    assert len(pl.ranked) == len(specs) - 3
    assert [r.estimate.seconds for r in pl.ranked] == sorted(r.estimate.seconds for r in pl.ranked)
    every = tuner.rank(p, k, 90, peak(90), {s: _fake(s, spill=8 + i) for i, s in enumerate(specs)})
    assert len(every.ranked) == 1 and every.ranked[0].compiled.spill == 8  # least spilling


@pytest.mark.slow
def test_measure_and_record_under_the_interpreter(tmp_path, monkeypatch):
    """The tuner's measuring path (inputs, rotating copies, plans, output check, split
    counts, recording) end to end with the CPU interpreter and a stand-in timer."""
    if os.environ.get("TRITON_INTERPRET") != "1":
        pytest.skip("needs TRITON_INTERPRET=1")
    text = TINY.replace('dtype = "f16"', 'dtype = "f32"').replace("head_dim = 64", "head_dim = 16") \
        .replace("batch = [64]", "batch = [2]").replace("kv_len = [256]", "kv_len = [32]")
    p = problems(specfile.parse(text))[0]
    plans, _ = tuner.offline([p], 90, peak(90), None, log=lambda s: None)
    pl = plans[0]
    times = iter([1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1])
    calls = []

    def timer(fn):  # each configuration measured faster than the one before
        if not calls:
            fn(), fn()  # the rotation: two copies of the inputs
        calls.append(fn)
        return next(times)

    res = tuner.measure(plans, 600, top=3, progress=False, log=lambda s: None,
                        device=torch.device("cpu"), timer=timer)[0]
    assert res.default_ms == 1.0 and len(res.timings) == len(calls) >= 3, res.note
    assert res.best == list(res.timings)[-1] and res.best_ms == min(res.timings.values())
    e = tuner.entry(pl, res, "3.9.0", 10)
    path = tmp_path / f"{DEV}.json"
    db.write(path, [e], META)
    lookup.use_database(path)
    assert lookup.tuned_config(pl.kernel.spec, p.shape, DEV) == res.best


# ---------------------------------------------------------------- artifacts


@pytest.fixture(scope="module")
def compiled_dir(tmp_path_factory):
    """One small kernel compiled for sm_90 by the same path as ``kvcc compile``."""
    from kvcc.autotune.bundle import Target, compile_spec

    out = tmp_path_factory.mktemp("art") / "tiny"
    m = compile_spec(specfile.parse(TINY, "tiny.toml"), Target.parse("cuda:90"), out,
                     progress=False, log=lambda s: None)
    return out, m


@pytest.mark.slow
def test_compiled_artifact_manifest_and_files(compiled_dir):
    out, m = compiled_dir
    _, spec = _spec()
    assert m["kvcc_artifacts"] == 1 and m["target"] == {"backend": "cuda", "arch": 90}
    (k,) = m["kernels"]
    assert k["function"] == f"kvcc_attn_{spec.key()}" and k["spec_key"] == spec.key()
    assert (out / k["files"]["cubin"]).read_bytes()[:4] == b"\x7fELF"
    assert (out / k["files"]["ptx"]).read_text().lstrip().startswith("//")
    assert json.loads((out / k["files"]["metadata"]).read_text())["name"] == k["function"]
    assert "def kvcc_attn_" in (out / k["files"]["source"]).read_text()
    assert k["registers"] and k["shared"] > 0 and k["problems"] == ["tiny B=64 q=1 kv=256"]
    assert json.loads((out / "manifest.json").read_text()) == m


@pytest.mark.slow
def test_artifacts_load_on_the_cpu_side(compiled_dir):
    out, m = compiled_dir
    _, spec = _spec()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (res,) = artifacts.load_artifacts(out)
    assert res.error is None and not res.skipped and len(res.kernels) == 1
    art = artifacts.registered(spec)
    assert art is not None and art.function == m["kernels"][0]["function"]
    jit = object()
    assert artifacts.kernel_for(spec, art.function, jit, torch.device("cpu")) is jit
    # Triton's CompiledKernel is built from the files without a GPU (launching needs one)
    from kvcc.autotune.prebuilt import PrebuiltKernel

    pre = PrebuiltKernel(art, jit)
    ck = pre.compiled()
    assert ck.name == art.function and ck.asm["cubin"][:4] == b"\x7fELF"
    n = len(ck.src.fn.arg_names) - len(ck.src.constants)
    args = [torch.empty(64, dtype=torch.float16) if i < 12 else 64 for i in range(n)]
    meta = {"BLOCK_M": spec.block_m, "BLOCK_N": spec.block_n, "BLOCK_D": spec.block_d,
            "BLOCK_DV": spec.block_dv, "num_warps": spec.num_warps,
            "num_stages": spec.num_stages}
    assert pre.arguments(tuple(args), meta) is not None
    assert pre.arguments(tuple(args), meta | {"BLOCK_N": 32}) is None  # another constexpr
    odd = list(args)
    odd[0] = torch.empty(64, dtype=torch.float16)[1:]  # a pointer off 16-byte alignment
    assert pre.arguments(tuple(odd), meta) is None
    odd = list(args)
    odd[art.divisibility[-1]] = 8  # a stride the kernel assumes a multiple of 16
    assert pre.arguments(tuple(odd), meta) is None


def _copy(src: pathlib.Path, dst: pathlib.Path) -> pathlib.Path:
    shutil.copytree(src, dst)
    return dst


@pytest.mark.slow
@pytest.mark.parametrize("change", ["triton", "cubin", "spec", "source", "foreign"])
def test_artifact_mismatch_warns_once_and_falls_back(compiled_dir, tmp_path, change):
    out, _ = compiled_dir
    d = _copy(out, tmp_path / change)
    m = json.loads((d / "manifest.json").read_text())
    k = m["kernels"][0]
    if change == "triton":
        m["triton"] = "0.0.1"
    elif change == "cubin":
        cubin = d / k["files"]["cubin"]
        cubin.write_bytes(cubin.read_bytes()[:-16])
    elif change == "spec":
        k["spec"] = k["spec"].replace("head_dim = 64", "head_dim = 128")
    elif change == "source":  # another kvcc's emitter: different source, hashes consistent
        src = d / k["files"]["source"]
        src.write_text(src.read_text() + "\n# changed\n")
        k["sha256"]["source"] = artifacts.sha256(src)
    else:
        m = {"something": "else"}
    (d / "manifest.json").write_text(json.dumps(m))
    _, spec = _spec()
    with pytest.warns(artifacts.ArtifactWarning) as rec:
        artifacts.load_artifacts(d)
    assert len(rec) == 1 and str(d) in str(rec[0].message)
    assert artifacts.registered(spec) is None
    jit = object()
    assert artifacts.kernel_for(spec, f"kvcc_attn_{spec.key()}", jit, torch.device("cuda")) is jit
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        artifacts.load_artifacts(d)  # the same directory again: no second warning


@pytest.mark.slow
def test_artifacts_from_the_environment(compiled_dir, monkeypatch):
    out, _ = compiled_dir
    _, spec = _spec()
    monkeypatch.setenv(artifacts.ENV, str(out))
    artifacts.clear()
    assert artifacts.registered(spec) is not None  # read at the first lookup


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_prebuilt_kernel_launches_like_the_jit(tmp_path):
    """Compile an artifact for this GPU, load it, and launch its cubin against the JIT
    kernel on the same inputs (a split-KV decode: the main and merge kernels)."""
    from kvcc.autotune.gpucheck import artifact_roundtrip

    r = artifact_roundtrip(tmp_path)
    assert r["prebuilt"] and r["ok"], r


def test_compile_plans_the_kernels_planning_would_launch():
    """``kvcc compile --db``: the tuned tiles, split count and load path, as plan() applies
    them, so the artifact's kernels are the ones a tuned GPU launches."""
    from kvcc.autotune.bundle import Target, plan_kernels

    sf = specfile.parse(TINY, "tiny.toml")
    target = Target.parse("cuda:90")
    (plain,) = plan_kernels(sf, target)
    tuned = plan_kernels(sf, target, lambda p, spec: Config(16, 32, 8, 3, 4, False))
    specs = {s for s, _ in tuned}
    assert len(tuned) == 2 and len(specs) == 1  # split: the kernel and its merge
    (s,) = specs
    assert (s.block_n, s.num_warps, s.num_stages, s.split, s.tma) == (32, 8, 3, True, False)
    assert plain[0].block_n != 32 or plain[0].num_warps != 8
    assert Target.parse("sm_80").arch == 80
    with pytest.raises(ValueError, match="sm_80 or newer"):
        Target.parse("cuda:75")
