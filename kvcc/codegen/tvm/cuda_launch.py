"""Launch kvcc's prebuilt TVM CUDA kernels from torch, with no TVM on the machine.

The cubins and their manifest are built ahead of time on a machine with apache-tvm
and nvcc (``python -m kvcc.codegen.tvm.cuda --out DIR``, see ``cuda.py``); this module
needs only torch and the CUDA driver (``libcuda.so.1``, through ``ctypes``): it loads a
cubin with ``cuModuleLoadData`` into the device's primary context (the one torch
uses), looks its kernels up with ``cuModuleGetFunction`` and launches them with
``cuLaunchKernel`` on torch's current stream, passing tensors' ``data_ptr()``\\ s and
the sizes in the order the manifest records. Dynamic shared memory over 48 KiB is
opted into with ``cuFuncSetAttribute``.

Importing this module touches neither CUDA nor TVM; without a driver or a GPU, the
first launch raises :class:`CudaUnavailable` saying why.

API::

    kernels = CudaKernels.from_dir(DIR)      # picks DIR/sm_90 or DIR/sm_80 for the GPU
    o, lse = kernels.prefill(q, k, v)        # causal, [B, Hq, S, D] -> o, lse [B, Hq, S]
    o, lse = kernels.decode(q, k, v)         # q [B, Hq, 1, D], K/V [B, Hk, L, D]
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import math
import os
import pathlib
import threading

ENV = "KVCC_TVM_CUDA_DIR"
MAX_STATIC_SHARED = 48 * 1024
CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8
LOG2E = 1.4426950408889634
_DTYPES = {"float16": "fp16", "bfloat16": "bf16"}


class CudaUnavailable(RuntimeError):
    """No CUDA driver or GPU here, or no artifacts for this GPU: the message says which."""


class CudaError(RuntimeError):
    """A CUDA driver call failed."""


_LOCK = threading.Lock()
_DRIVER: list = []


def driver() -> ctypes.CDLL:
    """``libcuda.so.1``, initialized (loaded at the first call, not at import)."""
    with _LOCK:
        if _DRIVER:
            return _DRIVER[0]
        try:
            lib = ctypes.CDLL("libcuda.so.1")
        except OSError as e:
            raise CudaUnavailable(f"the CUDA driver (libcuda.so.1) is not installed here ({e}); "
                                  "kvcc's prebuilt TVM CUDA kernels need an NVIDIA GPU") from None
        lib.cuGetErrorString.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        lib.cuLaunchKernel.argtypes = [ctypes.c_void_p] + [ctypes.c_uint] * 7 + [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
        lib.cuModuleLoadData.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p]
        lib.cuModuleGetFunction.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p,
                                            ctypes.c_char_p]
        lib.cuFuncSetAttribute.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        lib.cuDevicePrimaryCtxRetain.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int]
        lib.cuCtxSetCurrent.argtypes = [ctypes.c_void_p]
        rc = lib.cuInit(0)
        if rc != 0:
            raise CudaUnavailable(f"cuInit failed ({_err(lib, rc)}): no usable GPU here")
        _DRIVER.append(lib)
        return lib


def _err(lib, rc: int) -> str:
    s = ctypes.c_char_p()
    if lib.cuGetErrorString(rc, ctypes.byref(s)) == 0 and s.value:
        return f"CUDA error {rc}: {s.value.decode()}"
    return f"CUDA error {rc}"


def _check(lib, rc: int, what: str) -> None:
    if rc != 0:
        raise CudaError(f"{what}: {_err(lib, rc)}")


def read_manifest(d: pathlib.Path) -> dict:
    """An artifact folder's manifest, after checking the cubin against its hash."""
    man = json.loads((d / "manifest.json").read_text())
    data = (d / man["cubin"]).read_bytes()
    if hashlib.sha256(data).hexdigest() != man["cubin_sha256"]:
        raise ValueError(f"{d}: the cubin does not match its manifest's hash")
    return man


def arch_for(capability: tuple[int, int]) -> str:
    """The artifact arch that runs on a GPU of compute ``capability`` (a cubin runs on
    its own major version, at the same or a later minor)."""
    major, minor = capability
    if major == 9:
        return "sm_90"
    if major == 8:
        return "sm_80"
    raise CudaUnavailable(f"no prebuilt cubin runs on compute capability {major}.{minor} "
                          "(built for sm_80 and sm_90)")


class CudaKernels:
    """One artifact folder's kernels, loaded lazily per device."""

    def __init__(self, folder: os.PathLike | str):
        self.folder = pathlib.Path(folder)
        self.manifest = read_manifest(self.folder)
        self._funcs: dict[tuple[int, str], ctypes.c_void_p] = {}
        self._modules: dict[int, ctypes.c_void_p] = {}

    @classmethod
    def from_dir(cls, root: os.PathLike | str | None = None, device=None) -> CudaKernels:
        """The folder under ``root`` (default ``$KVCC_TVM_CUDA_DIR``) for ``device``'s
        arch (``root/sm_90`` on Hopper, ``root/sm_80`` on Ampere and Ada)."""
        import torch

        if not torch.cuda.is_available():
            raise CudaUnavailable("torch sees no CUDA GPU here: the prebuilt TVM CUDA kernels "
                                  "run only on an NVIDIA GPU (sm_80 or sm_90)")
        root = root or os.environ.get(ENV)
        if not root:
            raise CudaUnavailable(f"no artifact folder: pass one or set {ENV} (built with "
                                  "python -m kvcc.codegen.tvm.cuda --out DIR)")
        arch = arch_for(torch.cuda.get_device_capability(device))
        d = pathlib.Path(root) / arch
        if not (d / "manifest.json").is_file():
            raise CudaUnavailable(f"{d}/manifest.json is missing: build it with "
                                  f"python -m kvcc.codegen.tvm.cuda --out {root}")
        return cls(d)

    # -- the driver side -------------------------------------------------------------

    def function(self, name: str, device: int) -> ctypes.c_void_p:
        key = (device, name)
        fn = self._funcs.get(key)
        if fn is not None:
            return fn
        lib = driver()
        with _LOCK:
            ctx = ctypes.c_void_p()
            _check(lib, lib.cuDevicePrimaryCtxRetain(ctypes.byref(ctx), device),
                   "cuDevicePrimaryCtxRetain")
            _check(lib, lib.cuCtxSetCurrent(ctx), "cuCtxSetCurrent")
            mod = self._modules.get(device)
            if mod is None:
                mod = ctypes.c_void_p()
                image = (self.folder / self.manifest["cubin"]).read_bytes()
                _check(lib, lib.cuModuleLoadData(ctypes.byref(mod), image),
                       f"cuModuleLoadData({self.folder / self.manifest['cubin']})")
                self._modules[device] = mod
            entry = self.manifest["kernels"][name]
            fn = ctypes.c_void_p()
            _check(lib, lib.cuModuleGetFunction(ctypes.byref(fn), mod, entry["entry"].encode()),
                   f"cuModuleGetFunction({entry['entry']})")
            dyn = entry.get("dynamic_shared_bytes", 0)
            if dyn + entry.get("shared_bytes", 0) > MAX_STATIC_SHARED:
                _check(lib, lib.cuFuncSetAttribute(
                    fn, CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, dyn), "cuFuncSetAttribute")
            self._funcs[key] = fn
            return fn

    def launch(self, name: str, tensors: dict, sizes: dict, scalars: dict | None = None) -> None:
        """Launch kernel ``name`` on torch's current stream of the tensors' device:
        ``tensors`` by manifest name (contiguous CUDA tensors), ``sizes`` the int32
        sizes the grid and parameters read, ``scalars`` the float ones."""
        import torch

        entry = self.manifest["kernels"].get(name)
        if entry is None:
            raise KeyError(f"{name} is not among the prebuilt kernels in {self.folder}")
        dev = next(iter(tensors.values())).device
        if dev.type != "cuda":
            raise CudaUnavailable(f"the prebuilt TVM CUDA kernels run on CUDA tensors, not {dev}")
        for t in tensors.values():
            if not t.is_contiguous() or t.device != dev:
                raise ValueError(f"{name}: tensors must be contiguous and on {dev}")
        scalars = scalars or {}
        keep, ptrs = [], []
        for p in entry["params"]:
            if p["kind"] == "ptr":
                v = ctypes.c_void_p(tensors[p["arg"]].data_ptr())
            elif p["kind"] == "i32":
                v = ctypes.c_int32(int(sizes[p["arg"]]))
            else:
                v = ctypes.c_float(float(scalars[p["arg"]]))
            keep.append(v)
            ptrs.append(ctypes.cast(ctypes.byref(v), ctypes.c_void_p))
        args = (ctypes.c_void_p * len(ptrs))(*ptrs)
        dims = {**sizes, "1": 1}
        grid = [-(-int(dims[s]) // int(div)) for s, div in entry["grid"]]
        if min(grid) == 0:
            return  # nothing to compute
        fn = self.function(name, dev.index if dev.index is not None else torch.cuda.current_device())
        stream = torch.cuda.current_stream(dev).cuda_stream
        lib = driver()
        bx, by, bz = entry["block"]
        _check(lib, lib.cuLaunchKernel(fn, *grid, bx, by, bz, entry.get("dynamic_shared_bytes", 0),
                                       ctypes.c_void_p(stream), args, None), f"cuLaunchKernel({name})")

    # -- attention -------------------------------------------------------------------

    def prefill(self, q, k, v, scale: float | None = None):
        """Causal attention (bottom-right aligned when ``L > S``): q ``[B, Hq, S, D]``,
        K/V ``[B, Hk, L, D]``, fp16 or bf16. Returns ``o`` like q and ``lse``
        ``[B, Hq, S]`` float32 (natural log; a row that sees no key: 0 and -inf)."""
        import torch

        b, hq, s, d = q.shape
        hk, length = k.shape[1], k.shape[2]
        name = f"kvcc_cuda_prefill_{_dt(q)}_d{d}"
        _same(q, k, v, hq, hk)
        q, k, v = q.contiguous(), k.contiguous(), v.contiguous()
        o = torch.empty_like(q)
        lse = torch.empty((b, hq, s), device=q.device, dtype=torch.float32)
        scale = d ** -0.5 if scale is None else scale
        self.launch(name, {"q": q, "k": k, "v": v, "o": o, "lse": lse},
                    {"B": b, "Hq": hq, "Hk": hk, "S": s, "L": length}, {"qscale": scale * LOG2E})
        return o, lse

    def decode(self, q, k, v, scale: float | None = None, num_splits: int | None = None):
        """One query per sequence against all ``L`` keys: q ``[B, Hq, 1, D]``, K/V
        ``[B, Hk, L, D]``; split-KV over ``num_splits`` blocks (default: enough blocks
        to fill the GPU twice), then the merge. Returns ``o [B, Hq, 1, D]`` and ``lse
        [B, Hq, 1]``."""
        import torch

        b, hq, one, d = q.shape
        hk, length = k.shape[1], k.shape[2]
        if one != 1:
            raise ValueError(f"decode takes one query per sequence, not {one}")
        _same(q, k, v, hq, hk)
        g = hq // hk
        name = f"kvcc_cuda_decode_{_dt(q)}_d{d}_g{g}"
        if name not in self.manifest["kernels"]:
            raise KeyError(f"no prebuilt decode kernel for GQA group {g}, head dim {d}, "
                           f"{q.dtype} (built: {sorted(self.manifest['kernels'])})")
        bn = self.manifest["decode_block_n"]
        tiles = max(1, -(-length // bn))
        if num_splits is None:
            sms = torch.cuda.get_device_properties(q.device).multi_processor_count
            num_splits = max(1, min(tiles, math.ceil(2 * sms / max(1, b * hk))))
        ns = max(1, int(num_splits))
        q, k, v = q.contiguous(), k.contiguous(), v.contiguous()
        wo = torch.empty((b, hq, ns, d), device=q.device, dtype=torch.float32)
        wl = torch.empty((b, hq, ns), device=q.device, dtype=torch.float32)
        o = torch.empty_like(q)
        lse = torch.empty((b, hq, 1), device=q.device, dtype=torch.float32)
        scale = d ** -0.5 if scale is None else scale
        sizes = {"B": b, "Hq": hq, "Hk": hk, "L": length, "NS": ns}
        self.launch(name, {"q": q, "k": k, "v": v, "wo": wo, "wl": wl}, sizes,
                    {"qscale": scale * LOG2E})
        self.launch(f"kvcc_cuda_merge_{_dt(q)}_d{d}", {"wo": wo, "wl": wl, "o": o, "lse": lse},
                    sizes)
        return o, lse


def _dt(t) -> str:
    name = str(t.dtype).removeprefix("torch.")
    if name not in _DTYPES:
        raise TypeError(f"the prebuilt TVM CUDA kernels take float16 or bfloat16, not {t.dtype}")
    return _DTYPES[name]


def _same(q, k, v, hq: int, hk: int) -> None:
    if k.shape != v.shape or q.shape[0] != k.shape[0] or q.shape[3] != k.shape[3]:
        raise ValueError(f"shapes do not match: q {tuple(q.shape)}, k {tuple(k.shape)}, "
                         f"v {tuple(v.shape)}")
    if hk == 0 or hq % hk:
        raise ValueError(f"query heads ({hq}) must be a multiple of KV heads ({hk})")
    if not (q.dtype == k.dtype == v.dtype):
        raise TypeError("q, k and v must share a dtype")
