"""Run kvcc's generated CUDA kernels on the CPU: the exact ``kernels.cu`` nvcc compiles,
built by the host C++ compiler over a small emulation of the CUDA execution model.

This is how the TVM CUDA kernels' numbers are checked on a machine without a GPU. The
source of an artifact folder (``kernels.cu``, written by ``cuda.py``) is compiled with
``g++`` after TVM's CUDA preamble is replaced by :data:`PREAMBLE`:

- ``half`` and ``nv_bfloat16`` are 16-bit types that convert to and from ``float``
  with round-to-nearest-even, as the GPU's conversions do; ``exp2f``/``log2f``/
  ``tanhf`` are the C library's (accurate, like CUDA's without ``-use_fast_math``);
- a thread block runs as ``blockDim`` coroutines (``ucontext``), one stack each:
  ``__syncthreads()`` switches to the next thread of the block, so every thread runs
  up to the barrier before any thread passes it; ``__shared__`` arrays are one copy per
  block (blocks run one after another); ``blockIdx``/``threadIdx`` are set for the
  thread that runs;
- a barrier that some threads reach while others of the block have returned (a
  divergent ``__syncthreads``, a hang or undefined behaviour on a GPU) fails the
  launch;
- a block's shared arrays start as 0xFF bytes (NaN floats), so a read of shared memory
  the block has not written does not see the previous block's values;
- each tensor of a launch is copied between guard bytes of 0xFF (NaN floats, -1
  integers): a write past a tensor fails the launch, and a float read past one yields
  NaN, which fails the checks.

:class:`EmulatedKernels` is :class:`~kvcc.codegen.tvm.cuda_launch.CudaKernels` with
``launch`` replaced: the same attention calls, the same manifest and argument binding
(the driver's ``void **`` of pointers to each value), on contiguous CPU tensors.
Outputs are filled with NaN before each launch, so a value a kernel leaves unwritten
shows.

What it cannot show: anything about the GPU itself (speed, registers, memory ordering
between threads of a phase, which a race-free kernel does not depend on; the
emulation runs the threads of a phase one after another, so a data race in a kernel
goes unseen), the fast-math intrinsics' error, and accesses far past a tensor (beyond
its guard bytes), which land in whatever host memory is there. It is a test tool: every run builds
from the source (cached by its hash), and a launch runs every thread of every block.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import threading

from kvcc.codegen.cachedir import private_cache_dir
from kvcc.codegen.tvm.cuda_launch import CudaKernels

CXX_FLAGS = ("-std=c++17", "-O1", "-shared", "-fPIC", "-w")
STACK_BYTES = 256 * 1024  # per emulated thread
_FIRST_KERNEL = re.compile(r'^extern "C" __global__ ', re.M)
_SHARED_ALIGNED = re.compile(r"__shared__ (alignas\(\d+\)) ")
_SHARED_DECL = re.compile(r"^(\s*alignas\(\d+\) __shared__ [\w ]+? (\w+)\[\d+\];)", re.M)
GUARD_BYTES = 256  # around each tensor of a launch
_LOCK = threading.Lock()

PREAMBLE = r"""
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>
#include <ucontext.h>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
// A block's shared arrays start as 0xFF bytes (NaN floats, -1 integers), written by its
// first thread before any thread of the block runs: nothing of the previous block shows.
#define KVCC_POISON_SHARED(a)                                        \
  do {                                                                 \
    if (threadIdx.x == 0 && threadIdx.y == 0 && threadIdx.z == 0)      \
      std::memset((void*)(a), 0xFF, sizeof(a));                        \
  } while (0)
#define CUDART_INF_F __builtin_inff()
#define uint unsigned int
#define uchar unsigned char
#define ushort unsigned short

static inline float kvcc_bits_f(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }
static inline uint32_t kvcc_f_bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }

struct half {
  uint16_t bits;
  half() = default;
  half(float f) { _Float16 h = (_Float16)f; std::memcpy(&bits, &h, 2); }
  operator float() const { _Float16 h; std::memcpy(&h, &bits, 2); return (float)h; }
};
struct nv_bfloat16 {
  uint16_t bits;
  nv_bfloat16() = default;
  nv_bfloat16(float f) {
    uint32_t u = kvcc_f_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) { bits = (uint16_t)((u >> 16) | 0x40u); return; }
    u += 0x7fffu + ((u >> 16) & 1u);
    bits = (uint16_t)(u >> 16);
  }
  operator float() const { return kvcc_bits_f((uint32_t)bits << 16); }
};
typedef half __half;

template <class T> static inline T max(T a, T b) { return a > b ? a : b; }
template <class T> static inline T min(T a, T b) { return a < b ? a : b; }
static inline float __int_as_float(int x) { return kvcc_bits_f((uint32_t)x); }
static inline int __float_as_int(float x) { return (int)kvcc_f_bits(x); }

struct kvcc_dim3 { unsigned x, y, z; };
static kvcc_dim3 blockIdx, threadIdx, blockDim, gridDim;

namespace kvcc_emu {
static ucontext_t scheduler;
static std::vector<ucontext_t> ctx;
static std::vector<char> stacks;
static std::vector<int> state;  // 0 runnable, 1 waiting at a barrier, 2 returned
static int cur;
static void (*body)(void**);
static void** args;
static void entry() { body(args); state[cur] = 2; }
}  // namespace kvcc_emu

static void __syncthreads() {
  kvcc_emu::state[kvcc_emu::cur] = 1;
  swapcontext(&kvcc_emu::ctx[kvcc_emu::cur], &kvcc_emu::scheduler);
}
"""

LAUNCHER = r"""
// Returns 0, or 1 when a barrier is reached by some threads of a block and not others.
extern "C" int kvcc_emu_launch(void (*fn)(void**), unsigned gx, unsigned gy, unsigned gz,
                               unsigned bx, unsigned by, unsigned bz, void** args,
                               long stack_bytes) {
  using namespace kvcc_emu;
  int n = (int)(bx * by * bz);
  ctx.assign(n, ucontext_t());
  stacks.assign((size_t)n * (size_t)stack_bytes, 0);
  state.assign(n, 0);
  body = fn;
  kvcc_emu::args = args;
  gridDim = {gx, gy, gz};
  blockDim = {bx, by, bz};
  for (unsigned z = 0; z < gz; ++z)
    for (unsigned y = 0; y < gy; ++y)
      for (unsigned x = 0; x < gx; ++x) {
        blockIdx = {x, y, z};
        for (int t = 0; t < n; ++t) {
          getcontext(&ctx[t]);
          ctx[t].uc_stack.ss_sp = &stacks[(size_t)t * (size_t)stack_bytes];
          ctx[t].uc_stack.ss_size = (size_t)stack_bytes;
          ctx[t].uc_link = &scheduler;
          makecontext(&ctx[t], (void (*)())entry, 0);
          state[t] = 0;
        }
        for (;;) {
          for (int t = 0; t < n; ++t) {
            if (state[t] == 2) continue;
            state[t] = 0;
            cur = t;
            threadIdx = {(unsigned)t % bx, ((unsigned)t / bx) % by, (unsigned)t / (bx * by)};
            swapcontext(&scheduler, &ctx[t]);
          }
          int done = 0;
          for (int t = 0; t < n; ++t) done += state[t] == 2;
          if (done == n) break;
          if (done) return 1;
        }
      }
  return 0;
}
"""


def outputs(kind: str) -> tuple[str, ...]:
    """The tensors a kernel of ``kind`` writes whole (a split decode's partial results,
    or the output and lse; none for the eviction scores, which add to the zeros the
    caller passes, past a sequence's keys left as they are)."""
    if kind == "scores":
        return ()
    return ("wo", "wl") if kind.endswith("decode") else ("o", "lse")


def _guarded(t):
    """``t`` copied between :data:`GUARD_BYTES` of 0xFF on each side (NaN floats, -1
    integers, so reading them shows too): (buffer, the view in it, guard bytes)."""
    import torch

    g = GUARD_BYTES // t.element_size()
    buf = torch.empty(t.numel() + 2 * g, dtype=t.dtype)
    buf.view(torch.uint8).fill_(0xFF)
    view = buf[g:g + t.numel()].view(t.shape)
    view.copy_(t)
    return buf, view, g * t.element_size()


class EmulationUnavailable(RuntimeError):
    """No host C++ compiler here to build the emulation."""


_CXX: list = []


def cxx_path() -> str | None:
    """The host C++ compiler, if it builds the emulation's types (``_Float16``: GCC 12
    or later on x86-64); None otherwise."""
    with _LOCK:
        if not _CXX:
            cxx = shutil.which(os.environ.get("CXX", "g++"))
            if cxx is not None:
                with tempfile.TemporaryDirectory() as tmp:
                    src = pathlib.Path(tmp) / "probe.cpp"
                    src.write_text("_Float16 h = (_Float16)1.5f; float f() { return (float)h; }\n")
                    r = subprocess.run([cxx, "-std=c++17", "-c", str(src), "-o",
                                        str(pathlib.Path(tmp) / "probe.o")], capture_output=True)
                    cxx = cxx if r.returncode == 0 else None
            _CXX.append(cxx)
        return _CXX[0]


def _wrappers(src: str) -> str:
    """One ``extern "C" void kvcc_emu_<kernel>(void **args)`` per kernel, calling it
    with the values its ``args`` point at (the driver's launch convention)."""
    from kvcc.codegen.tvm.cuda import signatures

    out = []
    for name, (_bound, params) in signatures(src).items():
        vals = ", ".join(f"*({ctype}*)a[{i}]" for i, (ctype, _) in enumerate(params))
        out.append(f'extern "C" void kvcc_emu_{name}(void** a) {{ {name}({vals}); }}')
    return "\n".join(out) + "\n"


def only_kernels(cuda_src: str, kernels: set[str]) -> str:
    """``cuda_src`` cut to the definitions of the kernels named (entry symbols), for a
    quicker build; the prototypes before them are dropped (each definition stands
    alone)."""
    m = _FIRST_KERNEL.search(cuda_src)
    if m is None:
        raise ValueError("no kernel in the CUDA source")
    parts = re.split(r'(?m)^(?=extern "C" __global__ )', cuda_src[m.start():])
    name = re.compile(r'extern "C" __global__ void (?:__launch_bounds__\([^)]*\) )?(\w+)\(')
    keep = [p for p in parts if p.rstrip().endswith("}") and name.match(p)[1] in kernels]
    missing = kernels - {name.match(p)[1] for p in keep}
    if missing:
        raise KeyError(f"not in the source: {', '.join(sorted(missing))}")
    return cuda_src[:m.start()] + "".join(keep)


def emulation_source(cuda_src: str) -> str:
    """The host C++ of a ``kernels.cu``: :data:`PREAMBLE`, the kernels, the launchers."""
    m = _FIRST_KERNEL.search(cuda_src)
    if m is None:
        raise ValueError("no kernel in the CUDA source")
    # ``__shared__`` is ``static``; C++ wants the alignment before it
    body = _SHARED_ALIGNED.sub(r"\1 __shared__ ", cuda_src[m.start():])
    body = _SHARED_DECL.sub(r"\1 KVCC_POISON_SHARED(\2);", body)
    return PREAMBLE + body + "\n" + _wrappers(cuda_src) + LAUNCHER


def build_emulator(cuda_src: str) -> pathlib.Path:
    """The shared library emulating ``cuda_src``'s kernels, from the cache or built now
    (content-hashed under ``private_cache_dir("tvm-cuda-emu")``, written atomically)."""
    cxx = cxx_path()
    if cxx is None:
        raise EmulationUnavailable("no host C++ compiler (g++ or $CXX) to build the CUDA "
                                   "kernels' CPU emulation")
    text = emulation_source(cuda_src)
    key = hashlib.sha256("\n".join([text, cxx, *CXX_FLAGS]).encode()).hexdigest()[:24]
    root = private_cache_dir("tvm-cuda-emu")
    lib = root / f"{key}.so"
    with _LOCK:
        if lib.is_file():
            return lib
        with tempfile.TemporaryDirectory(dir=root) as tmp:
            cpp = pathlib.Path(tmp) / "kernels_emu.cpp"
            cpp.write_text(text)
            out = pathlib.Path(tmp) / "kernels_emu.so"
            r = subprocess.run([cxx, *CXX_FLAGS, str(cpp), "-o", str(out)],
                               capture_output=True, text=True)
            if r.returncode:
                raise RuntimeError(f"building the CUDA emulation failed:\n{r.stderr[-4000:]}")
            os.replace(out, lib)
    return lib


class EmulatedKernels(CudaKernels):
    """An artifact folder's kernels launched on the CPU through the emulation (module
    docstring): tensors are contiguous CPU tensors; ``multiprocessors`` stands in for
    the GPU's SM count when the decode picks its split count; ``only`` builds just the
    kernels named (the others then raise ``AttributeError`` at launch)."""

    def __init__(self, folder: os.PathLike | str, multiprocessors: int = 4,
                 only: set[str] | None = None):
        super().__init__(folder)
        src = (self.folder / "kernels.cu").read_text()
        if only is not None:  # just these kernels (by manifest name): a quicker build
            src = only_kernels(src, {self.manifest["kernels"][n]["entry"] for n in only})
        self._lib = ctypes.CDLL(str(build_emulator(src)))
        self._lib.kvcc_emu_launch.argtypes = [ctypes.c_void_p] + [ctypes.c_uint] * 6 + [
            ctypes.POINTER(ctypes.c_void_p), ctypes.c_long]
        self._sms = multiprocessors
        self.launches: list[tuple[str, tuple[int, ...]]] = []  # (kernel, grid) of each launch

    def multiprocessors(self, device) -> int:
        return self._sms

    def launch(self, name: str, tensors: dict, sizes: dict, scalars: dict | None = None) -> None:
        import torch

        if name not in self.manifest["kernels"]:
            raise KeyError(f"{name} is not among the prebuilt kernels in {self.folder}")
        for t in tensors.values():
            if t.device.type != "cpu" or not t.is_contiguous():
                raise ValueError(f"{name}: the emulation takes contiguous CPU tensors")
        entry = self.manifest["kernels"][name]
        for out in outputs(entry["kind"]):  # poisoned: what a launch leaves unwritten shows
            tensors[out].fill_(float("nan"))
        guarded = {n: _guarded(t) for n, t in tensors.items()}
        entry, grid, values = self.arguments(name, {n: g[1] for n, g in guarded.items()}, sizes,
                                             scalars)
        self.launches.append((name, tuple(grid)))
        if min(grid) == 0:
            return
        ptrs = [ctypes.cast(ctypes.byref(v), ctypes.c_void_p) for v in values]
        args = (ctypes.c_void_p * len(ptrs))(*ptrs)
        fn = ctypes.cast(getattr(self._lib, f"kvcc_emu_{entry['entry']}"), ctypes.c_void_p)
        with _LOCK:
            rc = self._lib.kvcc_emu_launch(fn, *grid, *entry["block"], args, STACK_BYTES)
        if rc:
            raise RuntimeError(f"{name}: a __syncthreads() reached by some threads of a block "
                               "and not by others (a divergent barrier)")
        for n, (buf, view, g) in guarded.items():
            raw = buf.view(torch.uint8)
            if not (bool((raw[:g] == 0xFF).all()) and bool((raw[raw.numel() - g:] == 0xFF).all())):
                raise RuntimeError(f"{name}: wrote outside tensor {n!r} (its guard bytes changed)")
            tensors[n].copy_(view)


__all__ = ["EmulatedKernels", "EmulationUnavailable", "build_emulator", "cxx_path",
           "emulation_source", "only_kernels"]
