"""Tuning the TVM CPU kernels: their database entries, the lookup the kernels make, the
search, and ``kvcc tune --backend tvm`` end to end on this CPU."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import torch

import kvcc
from kvcc import cli
from kvcc.autotune import db, lookup, tvm_space
from kvcc.autotune.db import Config, Entry, TvmConfig
from kvcc.autotune.keys import Bucket, Shape
from tests.autotune_helpers import isolated_tuning  # noqa: F401 (autouse)

pytest.importorskip("tvm")

from kvcc.autotune.cpu import cpu_device  # noqa: E402
from kvcc.codegen.tvm import build  # noqa: E402

DECODE_SPEC = """
[[attention]]
name = "cpu-decode"
heads = 4
kv_heads = 2
head_dim = 32
dtype = "f32"
mask = "causal"
[attention.lengths]
batch = [1]
q_len = [1]
kv_len = [300]
"""


def _decode_op_spec():
    """The TvmSpec ``kvcc.attention`` lowers for the decode above (without running it)."""
    from kvcc.autotune.problems import attention_ops, instance, problems
    from kvcc.autotune.specfile import parse as parse_spec
    from kvcc.codegen.tvm.op import spec_for

    (p,) = problems(parse_spec(DECODE_SPEC, "cpu.toml"))
    module, inputs = instance(p, "cpu")
    (op,) = attention_ops(module)
    return p, module, inputs, op, spec_for(op, 1)


def _entry(spec, bucket: Bucket, cfg: TvmConfig, ms: float = 0.5) -> Entry:
    return Entry(tvm_space.tuning_key(spec), tvm_space.tuning_text(spec), bucket,
                 tvm_space.tvm_series(), cfg, ms, {"default_ms": 0.6}, backend="tvm")


def test_tvm_entries_round_trip_beside_triton_ones(tmp_path):
    *_, spec = _decode_op_spec()
    e = _entry(spec, Bucket(1, 4, 2, 1, 512), TvmConfig(0, 128, 0, 0, 2))
    t = Entry("a" * 24, "spec", Bucket(1, 4, 2, 1, 512), "3.6", Config(16, 64, 4, 2), 0.01)
    path = tmp_path / "mixed.json"
    db.write(path, [e, t], {"device_key": "cpu-x"})
    raw = json.loads(path.read_text())
    assert raw["entries"][e.id]["backend"] == "tvm" and "triton" not in raw["entries"][e.id]
    assert e.id.endswith(f"/tvm{tvm_space.tvm_series()}") and t.id.endswith("/triton3.6")
    back = db.parse(path.read_text())
    assert back.entries[e.id] == e and back.entries[t.id] == t
    assert back.entries[e.id].config == TvmConfig(0, 128, 0, 0, 2)
    # a lookup answers for its own code generator only
    lookup.use_database(path)
    shape, series = (1, 4, 2, 1, 300), tvm_space.tvm_series()
    assert lookup.find(e.key, shape, "cpu-x", "tvm", series).config == e.config
    assert lookup.find(e.key, shape, "cpu-x", "triton", series) is None
    assert lookup.find(t.key, shape, "cpu-x", "tvm", "3.6") is None
    assert lookup.find(t.key, shape, "cpu-x", "triton", "3.6").config == t.config


@pytest.mark.parametrize("cfg, why", [
    ({"block_m": 0, "block_n": 64, "qk_keys": 2, "pv_rows": 0}, "all 0"),
    ({"block_m": 64, "block_n": 0, "qk_keys": 2, "pv_rows": 4}, "block_n"),
    ({"block_m": 64, "block_n": 64, "qk_keys": True, "pv_rows": 4}, "qk_keys"),
    ({"block_m": 0, "block_n": 64, "qk_keys": 0, "pv_rows": 0, "num_splits": 0}, "num_splits"),
])
def test_malformed_tvm_configs_are_refused(cfg, why):
    with pytest.raises(ValueError, match=why):
        TvmConfig.from_dict(cfg)


def test_invalid_tiles_are_named():
    *_, spec = _decode_op_spec()
    assert tvm_space.invalid(spec, TvmConfig(0, 24, 0, 0)) is not None  # not a vector multiple
    assert tvm_space.invalid(spec, TvmConfig(64, 64, 2, 4)) == "a decode kernel takes only block_n"
    pre = replace(spec, kind="prefill", q_rows=0, block_m=64, qk_keys=2, pv_rows=4)
    assert tvm_space.invalid(pre, TvmConfig(64, 64, 4, 4)) is not None  # 4 x 64 floats: 1 KiB
    assert tvm_space.invalid(pre, TvmConfig(64, 64, 3, 4)) is not None  # 3 does not divide 64
    assert tvm_space.invalid(pre, TvmConfig(64, 48, 3, 4)) is None
    for field in tvm_space.search_fields(pre):
        values = tvm_space.neighbours(pre, tvm_space.config_of(pre), field)
        assert len(values) >= 2 and all(tvm_space.invalid(pre, c) is None for c in values)


def _recording_loads(monkeypatch) -> list:
    built = []
    real = build.load

    def load(spec, *a, **k):
        built.append(spec)
        return real(spec, *a, **k)

    monkeypatch.setattr(build, "load", load)
    return built


def test_kernels_run_the_recorded_tiles_and_splits(monkeypatch):
    p, module, inputs, op, spec = _decode_op_spec()
    dev = cpu_device()
    recorded = TvmConfig(0, 128, 0, 0, 3)
    db.write(lookup.user_dir() / f"{dev.key}.json",
             [_entry(spec, p.shape.bucket(), recorded)], {"device_key": dev.key})
    lookup.reload()
    built = _recording_loads(monkeypatch)
    splits = []
    from kvcc.codegen.tvm import op as tvm_op

    real_choose = tvm_op.choose_splits
    monkeypatch.setattr(tvm_op, "choose_splits",
                        lambda *a: splits.append("rule") or real_choose(*a))
    q, k, v = (inputs[n] for n in ("q", "k", "v"))
    out = kvcc.attention(q, k, v, mask=kvcc.masks.causal(), backend="tvm")
    ref = kvcc.attention(q, k, v, mask=kvcc.masks.causal(), backend="reference")
    torch.testing.assert_close(out, ref, atol=2e-5, rtol=2e-5)
    assert built and built[-1].block_n == 128 and built[-1].block_n != spec.block_n
    assert splits == []  # the recorded split count, measured for this very bucket
    # at another bucket the tiles still apply, the split count is the rule's again
    q2, k2, v2 = q, torch.randn(1, 2, 1100, 32), torch.randn(1, 2, 1100, 32)
    out2 = kvcc.attention(q2, k2, v2, mask=kvcc.masks.causal(), backend="tvm")
    torch.testing.assert_close(out2, kvcc.attention(q2, k2, v2, mask=kvcc.masks.causal(),
                                                    backend="reference"), atol=2e-5, rtol=2e-5)
    assert built[-1].block_n == 128 and splits == ["rule"]


def test_forced_configuration_wins_and_invalid_entries_are_ignored(monkeypatch):
    p, module, inputs, op, spec = _decode_op_spec()
    dev = cpu_device()
    bad = TvmConfig(0, 24, 0, 0)  # not a multiple of the vector width: never built
    db.write(lookup.user_dir() / f"{dev.key}.json", [_entry(spec, p.shape.bucket(), bad)],
             {"device_key": dev.key})
    lookup.reload()
    shape = Shape(1, 4, 2, 1, 300)
    assert tvm_space.configured(spec, shape) == (spec, None)
    with tvm_space.forced(TvmConfig(0, 32, 0, 0, 2)):
        s, n = tvm_space.configured(spec, shape)
    assert (s.block_n, n) == (32, 2)
    assert tvm_space.configured(spec, shape) == (spec, None)


def test_search_records_the_fastest_configuration(tmp_path):
    """A deterministic clock (the larger the key tile, the faster) drives the search; it
    must try every valid key tile, then split counts, and record the winner."""
    from kvcc.autotune.specfile import parse as parse_spec
    from kvcc.autotune.tvm_tune import tune_cpu

    seen = []

    def timer(fn, cfg):
        fn()
        seen.append(cfg)
        return 10.0 / cfg.block_n + (0.05 if cfg.num_splits is None else 0.01 * cfg.num_splits)

    path = tmp_path / "cpu.json"
    (res,) = tune_cpu(parse_spec(DECODE_SPEC, "cpu.toml"), path, budget_s=300, progress=False,
                      log=lambda *_: None, timer=timer)
    assert {c.block_n for c in seen} == {16, 32, 64, 128, 256}
    assert res.best == TvmConfig(0, 256, 0, 0, 1) and res.default == TvmConfig(0, 64, 0, 0)
    d = db.parse(path.read_text())
    (e,) = d.entries.values()
    assert e.backend == "tvm" and e.config == res.best and e.extra["default_ms"] == res.default_ms
    assert d.metadata["device_key"] == cpu_device().key and d.metadata["cores"] == build.cores()


def test_cli_tunes_the_tvm_kernels_on_this_cpu(tmp_path, capsys):
    spec = tmp_path / "cpu.toml"
    spec.write_text(DECODE_SPEC)
    path = tmp_path / "cpu.json"
    assert cli.main(["tune", str(spec), "--backend", "tvm", "--db", str(path), "--budget", "120",
                     "--no-progress"]) == 0
    out = capsys.readouterr().out
    dev = cpu_device()
    assert f"on {dev.name} ({dev.isa}, {dev.cores} cores)" in out and str(path) in out
    assert "cpu-decode B=1 q=1 kv=300" in out and "decode n" in out
    (e,) = db.parse(path.read_text()).entries.values()
    assert e.backend == "tvm" and e.ms > 0 and e.extra["measured"] >= 5
    assert cli.main(["db", "show", str(path)]) == 0
    assert "tvm " + tvm_space.tvm_series() in capsys.readouterr().out
    assert cli.main(["tune", str(spec), "--backend", "tvm", "--dry-run"]) == 1
    assert "--dry-run applies to the triton backend only" in capsys.readouterr().err


def test_tuning_a_paged_spec_serves_cache_steps(monkeypatch):
    """``kvcc tune --backend tvm`` on a paged SPEC records the kernel a ``KVCache`` decode
    step lowers: the step then plans with the tuned tiles (so the build happens when
    planning, not in a layer's call) and runs with them."""
    from kvcc import masks as M
    from kvcc.autotune.specfile import parse
    from kvcc.autotune.tvm_tune import tune_cpu
    from kvcc.runtime import KVCache

    paged = DECODE_SPEC.replace('mask = "causal"', 'mask = "causal"\nlayout = "paged"\n'
                                'page_size = 16')
    # the search tries the heuristic key tile and 256 only (fewer kernels to build)
    real = tvm_space.neighbours
    monkeypatch.setattr(tvm_space, "neighbours", lambda spec, cfg, field: [
        c for c in real(spec, cfg, field) if c.block_n in (cfg.block_n, 256)])
    (res,) = tune_cpu(parse(paged, "paged.toml"), None, budget_s=300, progress=False,
                      log=lambda *_: None, timer=lambda fn, cfg: (fn(), 1.0 / cfg.block_n)[1])
    assert res.best is not None and res.best.block_n == 256 != res.default.block_n

    def step(cache, sid, q_len, new, seed):
        st = cache.plan([sid], [q_len], new_tokens=[new], num_q_heads=4, mask=M.causal())
        g = torch.Generator().manual_seed(seed)
        st.append(0, torch.randn(new, 2, 32, generator=g), torch.randn(new, 2, 32, generator=g))
        return st.attend(0, torch.randn(q_len, 4, 32, generator=g))

    pair = [KVCache(1, 2, 32, num_pages=32, page_size=16, dtype=torch.float32, device="cpu",
                    backend=b) for b in ("tvm", "reference")]
    ids = [c.add_sequence() for c in pair]
    for c, s in zip(pair, ids):
        step(c, s, 300, 300, 0)
    built = _recording_loads(monkeypatch)
    got = [step(pair[0], ids[0], 1, 1, seed) for seed in (1, 2)]
    want = [step(pair[1], ids[1], 1, 1, seed) for seed in (1, 2)]
    torch.testing.assert_close(got, want, atol=2e-5, rtol=2e-5)
    decodes = [s for s in built if s.kind == "decode"]
    assert decodes and all(s.block_n == 256 for s in decodes)


def test_the_shipped_cpu_database_answers_for_its_spec():
    """kvcc/autotune/data's CPU file was measured from examples/specs/cpu_tvm.toml: each
    problem there still lowers to a kernel the file holds (a change to TvmSpec's fields
    that would silently orphan the shipped entries fails here)."""
    import pathlib

    from kvcc.autotune.problems import attention_ops, instance, problems
    from kvcc.autotune.specfile import load
    from kvcc.codegen.tvm.op import spec_for

    root = pathlib.Path(__file__).resolve().parents[1]
    (path,) = lookup.DATA_DIR.glob("cpu-*.json")
    shipped = db.parse(path.read_text(), path, path.stem)
    held = {(e.key, e.bucket) for e in shipped.entries.values() if e.backend == "tvm"}
    probs = problems(load(root / "examples" / "specs" / "cpu_tvm.toml"))
    for p in probs:
        (op,) = attention_ops(instance(p, "meta")[0])
        # the file's vector width, whatever this machine's
        lanes = {"avx512": 16, "avx2": 8}[shipped.metadata["isa"]]
        spec = replace(spec_for(op, max(1, p.shape.q_len)), vec=lanes)
        assert (tvm_space.tuning_key(spec), p.shape.bucket()) in held, p.label
    assert len(held) == len(probs)
