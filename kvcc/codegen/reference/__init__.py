"""The reference backend: executes any IR program with plain torch (float64 when
asked). It defines kvcc's attention semantics; every kernel is tested against it."""

from kvcc.codegen.reference.attention import Placement, attention_dense, merge_states
from kvcc.codegen.reference.interpreter import ReferenceOptions, run
from kvcc.codegen.reference.quant import dequantize, pack_codes, quantize, unpack_codes

NAME = "reference"

__all__ = ["NAME", "Placement", "ReferenceOptions", "attention_dense", "dequantize",
           "merge_states", "pack_codes", "quantize", "run", "unpack_codes"]
