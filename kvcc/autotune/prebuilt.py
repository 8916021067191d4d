"""Launching a prebuilt cubin through Triton's own launcher (GPU only).

Triton's ``CompiledKernel`` is built from the artifact's metadata JSON and cubin (the
files its cache would hold after a compile) and the ``ASTSource`` of the generated
source kvcc emits for the spec itself, the same way in Triton 3.6 and 3.9; Triton's
driver then loads the cubin and builds its launcher, as after a JIT compile. The
kernel's arguments are the JIT function's: every parameter in order, the constexprs
last, passed by the launcher as keywords.
"""

from __future__ import annotations

from kvcc.autotune.artifacts import ArtifactKernel, _warn


class PrebuiltKernel:
    """A prebuilt kernel, indexed by the grid like a JIT function: ``k[grid](*args,
    **meta)``. A call whose constexprs, warps or stages differ from the artifact's, or
    whose pointers or strides break its 16-byte alignment assumptions, runs ``jit``."""

    def __init__(self, art: ArtifactKernel, jit) -> None:
        self.art = art
        self.jit = jit
        self._compiled = None
        self._constexprs: dict[str, int] = {}
        self._n_params = 0

    def compiled(self):
        """Triton's ``CompiledKernel`` of the artifact (built once; the cubin is loaded
        at the first launch)."""
        if self._compiled is None:
            from triton.compiler import ASTSource
            from triton.compiler.compiler import CompiledKernel

            from kvcc.codegen.triton import build

            spec, fn_name = self.art.spec, self.art.function
            fn = getattr(build.load(spec, "aot"), fn_name)
            src = ASTSource(fn, build.signature(spec), build.constexprs(spec),
                            attrs=build.divisibility(spec))
            group = {f"{fn_name}.json": str(self.art.metadata),
                     f"{fn_name}.cubin": str(self.art.cubin)}
            self._constexprs = build.constexprs(spec)
            self._n_params = len(fn.arg_names) - len(self._constexprs)
            self._compiled = CompiledKernel(src, group, self.art.triton_hash)
        return self._compiled

    def arguments(self, args: tuple, meta: dict) -> list | None:
        """The full argument list for the compiled kernel, or None when the call differs
        from what the artifact was compiled for."""
        self.compiled()
        spec = self.art.spec
        if len(args) != self._n_params or meta.get("num_warps", spec.num_warps) != spec.num_warps \
                or meta.get("num_stages", spec.num_stages) != spec.num_stages:
            return None
        if any(meta.get(n, v) != v for n, v in self._constexprs.items()):
            return None
        full = [*args, *self._constexprs.values()]
        for i in self.art.divisibility:
            a = full[i]
            if isinstance(a, int):
                if a % 16:
                    return None
            elif hasattr(a, "data_ptr") and a.data_ptr() % 16:
                return None
        return full

    def __getitem__(self, grid) -> _Bound:
        return _Bound(self, tuple(grid))


class _Bound:
    def __init__(self, kernel: PrebuiltKernel, grid: tuple) -> None:
        self.kernel, self.grid = kernel, grid
        self._run = None

    def __call__(self, *args, **meta) -> None:
        k = self.kernel
        full = k.arguments(args, meta)
        if full is None:
            _warn(f"{k.art.directory}:{k.art.function}:call",
                  f"a call of prebuilt {k.art.function} differs from what it was compiled for "
                  "(constexprs, warps, stages or 16-byte alignment); such calls run the JIT "
                  "kernel")
            k.jit[self.grid](*args, **meta)
            return
        if self._run is None:
            self._run = k.compiled()[self.grid]
        self._run(*full)


__all__ = ["PrebuiltKernel"]
