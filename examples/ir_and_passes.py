"""Lower one call to the IR, run passes, print the IR, and check the meaning is kept.

    python examples/ir_and_passes.py
"""

import torch

from kvcc import masks as M
from kvcc.codegen.reference import ReferenceOptions, run
from kvcc.frontend import lower_attention_call
from kvcc.ir import parse, print_module
from kvcc.passes import Pipeline

q, k, v = torch.randn(1, 4, 64, 32), torch.randn(1, 2, 64, 32), torch.randn(1, 2, 64, 32)
call = lower_attention_call(q, k, v, mask=M.causal() & M.sliding_window(16), return_lse=True)
print(print_module(call.module))

trace = []
pipeline = Pipeline.parse("simplify-masks,chunk-prefill{size=16},split-kv{splits=2}")
optimized = pipeline.run(call.module, trace=trace)
for rec in trace:
    print(f"// {rec.spelling}: {rec.summary}")
text = print_module(optimized)
print(text)
assert parse(text) == optimized  # the text form round-trips

f64 = ReferenceOptions(torch.float64, cast_outputs=False)
before = run(call.module, options=f64, **call.inputs)
after = run(optimized, options=f64, **call.inputs)
print("max |before - after| =", max((a - b).abs().max().item() for a, b in zip(before, after)))
assert torch.allclose(before[0], after[0], atol=1e-12)
