"""Launch the kernels of one prebuilt cubin through the CUDA driver, with no TVM.

The cubin and its manifest come from ``python -m kvcc.codegen.tvm.cuda --out DIR``
(``cuda.py``). This module needs only the CUDA driver (``libcuda.so.1``, through
``ctypes``) and, to launch, torch: :class:`CubinKernels` loads the cubin with
``cuModuleLoadData`` into the device's primary context (the one torch uses), looks its
kernels up with ``cuModuleGetFunction`` and launches them with ``cuLaunchKernel`` on
torch's current stream, passing tensors' ``data_ptr()``\\ s and the sizes in the order
the manifest records. Dynamic shared memory over 48 KiB is opted into with
``cuFuncSetAttribute``. The attention calls on top of it are in ``cuda_launch.py``.

Importing this module touches neither CUDA nor TVM; without a driver or a GPU, the
first launch raises :class:`CudaUnavailable` saying why.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import pathlib
import threading

MAX_STATIC_SHARED = 48 * 1024
INT32_MAX = 2**31 - 1
CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8


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
    """An artifact folder's manifest, after checking the cubin against its hash;
    ``ValueError`` for a manifest that is malformed or does not match."""
    man = json.loads((pathlib.Path(d) / "manifest.json").read_text())
    if not isinstance(man, dict):
        raise ValueError(f"{d}/manifest.json: expected a JSON object")
    for key, kind in (("cubin", str), ("cubin_sha256", str), ("kernels", dict)):
        if not isinstance(man.get(key), kind):
            raise ValueError(f"{d}/manifest.json: {key!r} is missing or not a {kind.__name__}")
    name = man["cubin"]
    if name in ("", ".", "..") or "/" in name or "\\" in name:
        raise ValueError(f"{d}/manifest.json: cubin {name!r} must be a file name in the folder")
    data = (pathlib.Path(d) / name).read_bytes()
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


class CubinKernels:
    """One artifact folder's kernels, loaded lazily per device, launched by name."""

    def __init__(self, folder: os.PathLike | str):
        self.folder = pathlib.Path(folder)
        self.manifest = read_manifest(self.folder)
        self._funcs: dict[tuple[int, str], ctypes.c_void_p] = {}
        self._modules: dict[int, ctypes.c_void_p] = {}

    def function(self, name: str, device: int) -> ctypes.c_void_p:
        """Kernel ``name``'s handle on ``device``, loading the cubin there first."""
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

    def arguments(self, name: str, tensors: dict, sizes: dict, scalars: dict | None = None
                  ) -> tuple[dict, list[int], list]:
        """Kernel ``name``'s manifest entry, grid and argument values in the order of its
        parameters (ctypes: tensors' data pointers, int32 sizes, float32 scalars), from
        ``tensors`` by manifest name, ``sizes`` (int32, also what the grid reads) and
        ``scalars``. Calls no CUDA function; raises ``KeyError`` naming a missing value
        and ``ValueError`` for a tensor or size past the kernels' int32 offsets."""
        entry = self.manifest["kernels"].get(name)
        if entry is None:
            raise KeyError(f"{name} is not among the prebuilt kernels in {self.folder}")
        scalars = scalars or {}
        for t in tensors.values():
            if t.numel() > INT32_MAX:
                raise ValueError(f"{name}: a tensor of {t.numel()} elements; the kernels "
                                 "index with int32 offsets (fewer than 2**31 elements)")
        values = []
        for p in entry["params"]:
            src = {"ptr": tensors, "i32": sizes, "f32": scalars}[p["kind"]]
            if p["arg"] not in src:
                raise KeyError(f"{name}: no value for parameter {p['name']} ({p['kind']} "
                               f"{p['arg']!r})")
            x = src[p["arg"]]
            if p["kind"] == "ptr":
                values.append(ctypes.c_void_p(x.data_ptr()))
            elif p["kind"] == "i32":
                if not -INT32_MAX - 1 <= int(x) <= INT32_MAX:
                    raise ValueError(f"{name}: {p['arg']} = {x} does not fit in int32")
                values.append(ctypes.c_int32(int(x)))
            else:
                values.append(ctypes.c_float(float(x)))
        dims = {**sizes, "1": 1}
        grid = [-(-int(dims[s]) // int(div)) for s, div in entry["grid"]]
        return entry, grid, values

    def launch(self, name: str, tensors: dict, sizes: dict, scalars: dict | None = None) -> None:
        """Launch kernel ``name`` on torch's current stream of the tensors' device:
        ``tensors`` by manifest name (contiguous CUDA tensors), ``sizes`` the int32
        sizes the grid and parameters read, ``scalars`` the float ones."""
        import torch

        if name not in self.manifest["kernels"]:
            raise KeyError(f"{name} is not among the prebuilt kernels in {self.folder}")
        dev = next(iter(tensors.values())).device
        if dev.type != "cuda":
            raise CudaUnavailable(f"the prebuilt TVM CUDA kernels run on CUDA tensors, not {dev}")
        for t in tensors.values():
            if not t.is_contiguous() or t.device != dev:
                raise ValueError(f"{name}: tensors must be contiguous and on {dev}")
        entry, grid, values = self.arguments(name, tensors, sizes, scalars)
        if min(grid) == 0:
            return  # nothing to compute
        ptrs = [ctypes.cast(ctypes.byref(v), ctypes.c_void_p) for v in values]
        args = (ctypes.c_void_p * len(ptrs))(*ptrs)
        fn = self.function(name, dev.index if dev.index is not None else torch.cuda.current_device())
        stream = torch.cuda.current_stream(dev).cuda_stream
        lib = driver()
        bx, by, bz = entry["block"]
        _check(lib, lib.cuLaunchKernel(fn, *grid, bx, by, bz, entry.get("dynamic_shared_bytes", 0),
                                       ctypes.c_void_p(stream), args, None), f"cuLaunchKernel({name})")
