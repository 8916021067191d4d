"""Eviction scores from :class:`~kvcc.codegen.tvm.cuda_launch.CudaKernels`' attention
calls (``return_scores=True``): the scores kernel of ``cuda_scores.py`` launched after
the attention kernel, from its lse.

Every call checks first, before the attention kernel launches, that the scores kernel is
built and that the mask is one it takes (the run-time window and sinks: ``causal``,
``sliding_window``, ``sinks | sliding_window``; a mask compiled into a kernel of its own
is refused), so a refused call writes nothing.
"""

from __future__ import annotations

import math


class ScoresMixin:
    """The two steps of a call with ``return_scores``: :meth:`_scores_kernel` before
    anything launches, :meth:`_scores` after the attention kernel."""

    manifest: dict

    def _scores_kernel(self, layout: str, dt: str, d: int, fmt_suffix: str, mask_suffix: str,
                       score_window: int, shape: tuple) -> str:
        """The scores kernel a call launches, into scores of ``shape``; ValueError (mask,
        window, size) or KeyError (not built) before anything launches."""
        from kvcc.codegen.tvm.cuda_driver import INT32_MAX

        if math.prod(shape) > INT32_MAX:
            raise ValueError(f"eviction scores {tuple(shape)}: more than 2**31 - 1 elements "
                             "(the kernels index with int32 offsets)")
        if mask_suffix:
            raise ValueError("eviction scores under a mask compiled into a kernel of its own: "
                             "the TVM CUDA scores kernels take the run-time window and sinks "
                             "(causal, sliding_window, sinks | sliding_window)")
        if not isinstance(score_window, int) or isinstance(score_window, bool) or score_window < 0:
            raise ValueError(f"score_window must be an int >= 0 (0: every row), not {score_window!r}")
        name = f"kvcc_cuda_scores_{layout}_{dt}_d{d}{fmt_suffix}"
        if name not in self.manifest["kernels"]:
            raise KeyError(f"no prebuilt kernel {name} (eviction scores at head dim {d}, "
                           f"{dt}); built: {sorted(self.manifest['kernels'])}")
        return name

    def _scores(self, name: str, tensors: dict, sizes: dict, scalars: dict, shape: tuple,
                longest: int, score_window: int):
        """Launch scores kernel ``name`` into a zeroed float32 ``shape`` tensor, its grid
        over ``longest`` keys (a bound on a sequence's)."""
        import torch

        q = tensors["q"]
        sc = torch.zeros(shape, device=q.device, dtype=torch.float32)
        if longest > 0 and sc.numel():
            self.launch(name, {**tensors, "sc": sc},
                        {**sizes, "MK": int(longest), "SW": score_window}, scalars)
        return sc
