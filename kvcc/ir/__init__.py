"""kvcc's intermediate representation: typed, frozen, printable and parseable."""

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import (
    KV_FORMATS, Alibi, Dense, KVFormat, Packed, Paged, Scope, kv_format,
)
from kvcc.ir.mask import (
    Align, And, Causal, Document, Empty, Full, Mask, Not, Or, PageSelect, Sinks, SlidingWindow,
    evaluate,
)
from kvcc.ir.mask_simplify import simplify
from kvcc.ir.mask_tiles import Tile, classify_dense, classify_tiles, row_intervals
from kvcc.ir.ops import (
    OPS, AttentionOp, Block, CastOp, DequantizeOp, FillOp, ForOp, KVAppendOp, MergeStatesOp, Module, Op,
    PackOp, QuantizeOp, SliceOp, UnpackOp, UpdateSliceOp,
)
from kvcc.ir.parser import parse
from kvcc.ir.printer import print_module
from kvcc.ir.syntax import ParseError, parse_mask
from kvcc.ir.types import TensorType, Value, dim, parse_dim, sym, tensor
from kvcc.ir.verifier import VerifyError, verify

__all__ = [
    "DType", "KV_FORMATS", "Alibi", "Dense", "KVFormat", "Packed", "Paged", "Scope", "kv_format",
    "Align", "And", "Causal", "Document", "Empty", "Full", "Mask", "Not", "Or", "PageSelect",
    "Sinks", "SlidingWindow", "evaluate", "simplify", "Tile", "classify_dense", "classify_tiles",
    "row_intervals", "OPS", "AttentionOp", "Block", "CastOp", "DequantizeOp", "FillOp", "ForOp",
    "KVAppendOp", "MergeStatesOp", "Module", "Op", "PackOp", "QuantizeOp", "SliceOp", "UnpackOp",
    "UpdateSliceOp", "parse", "print_module", "ParseError", "parse_mask", "TensorType", "Value",
    "dim", "parse_dim", "sym", "tensor", "VerifyError", "verify",
]
