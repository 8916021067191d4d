"""The options of ``quantize-kv``: format names and per-layer / per-KV-head choices.

Formats are named as :mod:`kvcc.quant` names its formats: ``fp8_e4m3``, ``fp8_e5m2``,
``int8``, ``int4``, ``kivi2`` and ``kivi4`` (group 32, residual 128), ``kivi2_g8_r16``
(any group and residual window), ``quantspec`` (group 128), ``quantspec_g64``, and
``none`` (leave unquantized). The syntax fits inside a pipeline string (no commas or
braces)::

    format = FORMAT
    layers = RANGE:FORMAT(;RANGE:FORMAT)*            e.g. 0:int4;5-7:none
    heads  = [RANGE/]RANGE:FORMAT(;[RANGE/]RANGE:FORMAT)*   e.g. 0-1:int4;2-7:kivi2
    RANGE  = N | N-M                                  (inclusive)

A layer is the index of an attention op in program order (``Module.walk``) when the
pass runs (a pass before it that removes attention ops shifts them); heads are KV heads
(query heads follow their KV head under GQA). ``heads`` entries apply to
every layer, or with ``LAYERS/`` only to those layers. For KV head ``h`` of layer ``l``
the most specific entry wins: a ``heads`` entry naming ``l``, then a ``heads`` entry
for all layers, then ``layers``, then ``format``. Two entries of one kind may not
overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kvcc import quant
from kvcc.ir.formats import KVFormat
from kvcc.passes.base import PassOptionError

_FIXED = {
    "fp8_e4m3": lambda: quant.fp8("e4m3"),
    "fp8_e5m2": lambda: quant.fp8("e5m2"),
    "int8": quant.int8,
    "int4": quant.int4,
    "kivi2": lambda: quant.kivi(2),
    "kivi4": lambda: quant.kivi(4),
    "quantspec": quant.quantspec,
}
_KIVI = re.compile(r"kivi([24])_g(\d+)_r(\d+)")
_QUANTSPEC = re.compile(r"quantspec_g(\d+)")
_RANGE = re.compile(r"(\d+)(?:-(\d+))?")
FORMAT_NAMES = "none, " + ", ".join(_FIXED) + ", kivi{2,4}_g<group>_r<residual>, quantspec_g<group>"


def parse_format(pass_name: str, opt: str, text: str) -> KVFormat | None:
    """The format a name stands for; None for ``none``."""
    t = text.strip()
    try:
        if t == "none":
            return None
        if t in _FIXED:
            return _FIXED[t]()
        if m := _KIVI.fullmatch(t):
            return quant.kivi(int(m[1]), int(m[2]), int(m[3]))
        if m := _QUANTSPEC.fullmatch(t):
            return quant.quantspec(int(m[1]))
    except ValueError as e:
        raise PassOptionError(pass_name, f"option {opt}: format {t!r}: {e}") from None
    raise PassOptionError(pass_name, f"option {opt}: unknown format {t!r}; formats: {FORMAT_NAMES}")


def _range(pass_name: str, opt: str, text: str) -> range:
    m = _RANGE.fullmatch(text.strip())
    if not m or (m[2] is not None and int(m[2]) < int(m[1])):
        raise PassOptionError(pass_name, f"option {opt}: {text.strip()!r} is not an index or a "
                              "range N-M (inclusive, N <= M)")
    return range(int(m[1]), int(m[2] or m[1]) + 1)


def _overlap(a: range | None, b: range | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.start < b.stop and b.start < a.stop


@dataclass(frozen=True)
class Entry:
    """One override: ``layers`` (None: every layer), ``heads`` (None: every head)."""

    layers: range | None
    heads: range | None
    fmt: KVFormat | None


@dataclass(frozen=True)
class Group:
    """KV heads ``[start, stop)`` of one attention op stored in ``fmt`` (None: plain);
    ``stop`` None: every head (one group, no slicing)."""

    start: int
    stop: int | None
    fmt: KVFormat | None


def _entries(pass_name: str, opt: str, text: str, with_heads: bool) -> tuple[Entry, ...]:
    out: list[Entry] = []
    for item in filter(None, (s.strip() for s in text.split(";"))):
        where, colon, name = item.rpartition(":")
        if not colon:
            form = "[LAYERS/]HEADS:FORMAT" if with_heads else "LAYERS:FORMAT"
            raise PassOptionError(pass_name, f"option {opt}: {item!r} is not {form} (entries "
                                  "are separated by ';')")
        if with_heads:
            layers, slash, heads = where.rpartition("/")
            layer_range = _range(pass_name, opt, layers) if slash else None
            head_range: range | None = _range(pass_name, opt, heads)
        else:
            layer_range, head_range = _range(pass_name, opt, where), None
        entry = Entry(layer_range, head_range, parse_format(pass_name, opt, name))
        for e in out:
            if _overlap(e.layers, entry.layers) and (not with_heads or _overlap(e.heads,
                                                                                entry.heads)):
                raise PassOptionError(pass_name, f"option {opt}: entries overlap at {item!r}")
        out.append(entry)
    return tuple(out)


@dataclass(frozen=True)
class Plan:
    """The parsed options: which format each KV head of each layer gets."""

    pass_name: str
    default: KVFormat | None
    layers: tuple[Entry, ...]
    heads: tuple[Entry, ...]

    @staticmethod
    def parse(pass_name: str, format: str, layers: str, heads: str) -> Plan:
        return Plan(pass_name, parse_format(pass_name, "format", format),
                    _entries(pass_name, "layers", layers, False),
                    _entries(pass_name, "heads", heads, True))

    def check_layers(self, count: int) -> None:
        """PassOptionError when an override names a layer the module does not have."""
        for opt, entries in (("layers", self.layers), ("heads", self.heads)):
            for e in entries:
                if e.layers is not None and e.layers.stop > count:
                    raise PassOptionError(self.pass_name, f"option {opt}: layer "
                                          f"{e.layers.stop - 1} does not exist; the module has "
                                          f"{count} attention ops (layers 0-{count - 1})")

    def layer_format(self, layer: int) -> KVFormat | None:
        for e in self.layers:
            if layer in e.layers:
                return e.fmt
        return self.default

    def groups(self, layer: int, kv_heads: int | None) -> tuple[Group, ...]:
        """Layer ``layer``'s KV heads as runs of equal format, in head order."""
        mine = [e for e in self.heads if e.layers is not None and layer in e.layers]
        every = [e for e in self.heads if e.layers is None]
        base = self.layer_format(layer)
        if not mine and not every:
            return (Group(0, None, base),)
        if kv_heads is None:
            raise PassOptionError(self.pass_name, f"option heads: layer {layer} has a symbolic "
                                  "number of KV heads; per-head formats need it static")
        for e in mine + every:
            if e.heads.stop > kv_heads:
                raise PassOptionError(self.pass_name, f"option heads: KV head {e.heads.stop - 1} "
                                      f"does not exist in layer {layer} (Hkv={kv_heads})")

        def fmt(h: int) -> KVFormat | None:
            for e in mine + every:  # the layer's own entries first
                if h in e.heads:
                    return e.fmt
            return base

        out: list[Group] = []
        for h in range(kv_heads):
            f = fmt(h)
            if out and out[-1].fmt == f:
                out[-1] = Group(out[-1].start, h + 1, f)
            else:
                out.append(Group(h, h + 1, f))
        if len(out) == 1:
            return (Group(0, None, out[0].fmt),)
        return tuple(out)
