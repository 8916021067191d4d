
#ifdef __CUDACC_RTC__
  #include <cuda/std/cstdint>
  using cuda::std::uint8_t;
  using cuda::std::uint16_t;
  using cuda::std::uint32_t;
  using cuda::std::uint64_t;
  using cuda::std::int8_t;
  using cuda::std::int16_t;
  using cuda::std::int32_t;
  using cuda::std::int64_t;

  #include <cuda/std/type_traits>
  namespace std {
    using cuda::std::is_same;
    using cuda::std::is_same_v;
    using cuda::std::is_integral;
    using cuda::std::is_signed;
    using cuda::std::is_unsigned;
    using cuda::std::is_floating_point;
    using cuda::std::enable_if;
    using cuda::std::conditional;
  }

  // NVRTC uses asm/volatile instead of __asm__/__volatile__ (gcc extension).
  #ifndef __asm__
  #define __asm__ asm
  #endif
  #ifndef __volatile__
  #define __volatile__ volatile
  #endif
#else
  #include <cstdint>
  #include <type_traits>
  #include <cuda.h>
#endif

#if !defined(__CUDA_ARCH__) || (__CUDA_ARCH__ >= 530)
#include <cuda_fp16.h>
__device__ half max(half a, half b)
{
  return __hgt(__half(a), __half(b)) ? a : b;
}
__device__ half min(half a, half b)
{
  return __hlt(__half(a), __half(b)) ? a : b;
}
#endif // __CUDA_ARCH__ >= 530

// Pack two half values.
static inline __device__ __host__ unsigned
__pack_half2(const half x, const half y) {
  unsigned v0 = *((unsigned short *)&x);
  unsigned v1 = *((unsigned short *)&y);
  return (v1 << 16) | v0;
}

#define CUDA_UNSUPPORTED_HALF_MATH_BINARY(HALF_MATH_NAME, FP32_MATH_NAME) \
static inline __device__ __host__ half HALF_MATH_NAME(half x, half y) {   \
  float tmp_x = __half2float(x);                                          \
  float tmp_y = __half2float(y);                                          \
  float result = FP32_MATH_NAME(tmp_x, tmp_y);                            \
  return __float2half(result);                                            \
}

#define CUDA_UNSUPPORTED_HALF_MATH_UNARY(HALF_MATH_NAME, FP32_MATH_NAME) \
static inline __device__ __host__ half HALF_MATH_NAME(half x) {          \
  float tmp_x = __half2float(x);                                         \
  float result = FP32_MATH_NAME(tmp_x);                                  \
  return __float2half(result);                                           \
}

// Some fp16 math functions are not supported in cuda_fp16.h,
// so we define them here to make sure the generated CUDA code
// is valid.
#if defined(__CUDA_ARCH__)
#if (__CUDA_ARCH__ >= 530)
CUDA_UNSUPPORTED_HALF_MATH_BINARY(hpow, powf)
#if ((__CUDACC_VER_MAJOR__ < 12) || ((__CUDACC_VER_MAJOR__ == 12) && (__CUDACC_VER_MINOR__ < 8)))
CUDA_UNSUPPORTED_HALF_MATH_UNARY(htanh, tanhf)
#endif
CUDA_UNSUPPORTED_HALF_MATH_UNARY(htan, tanf)
CUDA_UNSUPPORTED_HALF_MATH_UNARY(hatan, atanf)
CUDA_UNSUPPORTED_HALF_MATH_UNARY(herf, erf)
#else
CUDA_UNSUPPORTED_HALF_MATH_UNARY(hexp, exp)
#endif
#endif

#undef CUDA_UNSUPPORTED_HALF_MATH_BINARY
#undef CUDA_UNSUPPORTED_HALF_MATH_UNARY

#if !defined(__CUDA_ARCH__) || (__CUDA_ARCH__ >= 800)
#include <cuda_bf16.h>
__device__ nv_bfloat16 max(nv_bfloat16 a, nv_bfloat16 b)
{
  return __hgt(a, b) ? a : b;
}
__device__ nv_bfloat16 min(nv_bfloat16 a, nv_bfloat16 b)
{
  return __hlt(a, b) ? a : b;
}
#endif // __CUDA_ARCH__ >= 800
// Pack two bfloat16 values.
static inline __device__ __host__ unsigned
__pack_nv_bfloat162(const nv_bfloat16 x, const nv_bfloat16 y) {
  unsigned v0 = *((unsigned short *)&x);
  unsigned v1 = *((unsigned short *)&y);
  return (v1 << 16) | v0;
}

// Some bfp16 math functions are not supported in cuda_bfp16.h,
// so we define them here to make sure the generated CUDA code
// is valid.
#define CUDA_UNSUPPORTED_HALF_MATH_BINARY(HALF_MATH_NAME, FP32_MATH_NAME) \
static inline __device__ __host__ nv_bfloat16 HALF_MATH_NAME(nv_bfloat16 x, nv_bfloat16 y) {   \
  float tmp_x = __bfloat162float(x);                                      \
  float tmp_y = __bfloat162float(y);                                      \
  float result = FP32_MATH_NAME(tmp_x, tmp_y);                            \
  return __float2bfloat16(result);                                        \
}

#define CUDA_UNSUPPORTED_HALF_MATH_UNARY(HALF_MATH_NAME, FP32_MATH_NAME) \
static inline __device__ __host__ nv_bfloat16 HALF_MATH_NAME(nv_bfloat16 x) {          \
  float tmp_x = __bfloat162float(x);                                     \
  float result = FP32_MATH_NAME(tmp_x);                                  \
  return __float2bfloat16(result);                                       \
}

CUDA_UNSUPPORTED_HALF_MATH_BINARY(hpow, powf)
#if ((__CUDACC_VER_MAJOR__ < 12) || ((__CUDACC_VER_MAJOR__ == 12) && (__CUDACC_VER_MINOR__ < 8)))
CUDA_UNSUPPORTED_HALF_MATH_UNARY(htanh, tanhf)
#endif
CUDA_UNSUPPORTED_HALF_MATH_UNARY(htan, tanf)
CUDA_UNSUPPORTED_HALF_MATH_UNARY(hatan, atanf)
CUDA_UNSUPPORTED_HALF_MATH_UNARY(herf, erf)

#undef CUDA_UNSUPPORTED_HALF_MATH_BINARY
#undef CUDA_UNSUPPORTED_HALF_MATH_UNARY

template <typename T, typename TVec2>
struct __align__(8) half4_bfloat164 {
  T x, y, z, w;
  __host__ __device__ half4_bfloat164() : x(T(0)), y(T(0)), z(T(0)), w(T(0)) {}
  __host__ __device__ half4_bfloat164(T x, T y, T z, T w) : x(x), y(y), z(z), w(w) {}

};

using half4 = half4_bfloat164<__half, __half2>;
__host__ __device__ half4 make_half4(__half x, __half y, __half z, __half w) {
    return half4(x, y, z, w);
}

using nv_bfloat164 = half4_bfloat164<nv_bfloat16, nv_bfloat162>;
__host__ __device__ nv_bfloat164 make_nv_bfloat164(nv_bfloat16 x, nv_bfloat16 y, nv_bfloat16 z, nv_bfloat16 w) {
    return nv_bfloat164(x, y, z, w);
}
__host__ __device__ nv_bfloat162 make_nv_bfloat162(nv_bfloat16 x, nv_bfloat16 y) {
    return nv_bfloat162(x, y);
}

#include <math_constants.h>

#if (((__CUDACC_VER_MAJOR__ == 11) && (__CUDACC_VER_MINOR__ >= 4)) || \
     (__CUDACC_VER_MAJOR__ > 11))
#define TVM_ENABLE_L2_PREFETCH 1
#else
#define TVM_ENABLE_L2_PREFETCH 0
#endif

#ifdef _WIN32
  using uint = unsigned int;
  using uchar = unsigned char;
  using ushort = unsigned short;
  using int64_t = long long;
  using uint64_t = unsigned long long;
#else
  #define uint unsigned int
  #define uchar unsigned char
  #define ushort unsigned short
#endif
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_fp16_d64_kernel(half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_fp16_d64_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_merge_fp16_d64_kernel(float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_fp16_d64_g1_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d64_g2_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d64_g4_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d64_g8_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d64_g1_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g2_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g4_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g8_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d64_g1_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g2_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g4_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g8_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_fp16_d128_kernel(half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_fp16_d128_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_merge_fp16_d128_kernel(float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_fp16_d128_g1_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d128_g2_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d128_g4_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d128_g8_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d128_g1_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g2_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g4_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g8_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d128_g1_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g2_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g4_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g8_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_bf16_d64_kernel(nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_bf16_d64_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_merge_bf16_d64_kernel(float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_bf16_d64_g1_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d64_g2_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d64_g4_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d64_g8_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d64_g1_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g2_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g4_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g8_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d64_g1_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g2_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g4_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g8_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_bf16_d128_kernel(nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_bf16_d128_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_merge_bf16_d128_kernel(float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_bf16_d128_g1_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d128_g2_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d128_g4_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d128_g8_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d128_g1_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g2_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g4_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g8_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d128_g1_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g2_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g4_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g8_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window);
extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_fp16_d64_kernel(half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[2048];
  alignas(64) float acc_ptr[16];
  alignas(64) float m_ptr[16];
  alignas(64) float l_ptr[16];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[2048];
  __shared__ alignas(64) half vs_ptr[2048];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  for (int k = 0; k < 16; ++k) {
    float condval;
    if ((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)) < S) {
      condval = (((float)Q_ptr[(((min((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)), (S - 1)) * 64) + ((((((int)blockIdx.z) * Hq) + ((int)blockIdx.y)) * S) * 64)) + (((int)threadIdx.x) & 63))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, L), 0);
  iv_ptr[1] = max(min(sinks, L), 0);
  iv_ptr[10] = max(min(L, ((((((int)blockIdx.x) * 32) + L) + 32) - S)), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + L) + 1) - S) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = L;
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < S) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 16; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (L - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1))) * L) * 64)) + (((int)threadIdx.x) & 63))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (L - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1))) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 5) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 64) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < L) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S)) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + S) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - L) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_2) + 64)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_3) + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_4) + 128)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_5) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_6) + 192)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_7) + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_8) + 256)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_9) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_10) + 320)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_11) + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_12) + 384)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_13) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_14) + 448)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_15) + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_16) + 512)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_17) + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_18) + 576)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_19) + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_20) + 640)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_21) + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_22) + 704)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_23) + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_24) + 768)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_25) + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_26) + 832)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_27) + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_28) + 896)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_29) + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_30) + 960)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_31) + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
  }
  if (((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) < S) {
    float condval_23;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_23 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x))] = ((half)condval_23);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_24;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_24 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_24 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S))] = condval_24;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 2) < S) {
    float condval_25;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_25 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 128)] = ((half)condval_25);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_26;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_26 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_26 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 2)] = condval_26;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 4) < S) {
    float condval_27;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_27 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 256)] = ((half)condval_27);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_28;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_28 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_28 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 4)] = condval_28;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 6) < S) {
    float condval_29;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_29 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 384)] = ((half)condval_29);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_30;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_30 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_30 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 6)] = condval_30;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 8) < S) {
    float condval_31;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_31 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 512)] = ((half)condval_31);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_32;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_32 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_32 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 8)] = condval_32;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 10) < S) {
    float condval_33;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_33 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 640)] = ((half)condval_33);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_34;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_34 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_34 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 10)] = condval_34;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 12) < S) {
    float condval_35;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_35 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 768)] = ((half)condval_35);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_36;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_36 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_36 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 12)] = condval_36;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 14) < S) {
    float condval_37;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_37 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 896)] = ((half)condval_37);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_38;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_38 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_38 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 14)] = condval_38;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 16) < S) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_39 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1024)] = ((half)condval_39);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_40 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 16)] = condval_40;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 18) < S) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_41 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1152)] = ((half)condval_41);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_42 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 18)] = condval_42;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 20) < S) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_43 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1280)] = ((half)condval_43);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_44 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 20)] = condval_44;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 22) < S) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_45 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1408)] = ((half)condval_45);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_46 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 22)] = condval_46;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 24) < S) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_47 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1536)] = ((half)condval_47);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_48 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 24)] = condval_48;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 26) < S) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_49 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1664)] = ((half)condval_49);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_50 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 26)] = condval_50;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 28) < S) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_51 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1792)] = ((half)condval_51);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_52 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 28)] = condval_52;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 30) < S) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_53 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1920)] = ((half)condval_53);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_54 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 30)] = condval_54;
    }
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_fp16_d64_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window) {
  alignas(64) int iv_ptr[15];
  __shared__ alignas(64) float qs_ptr[2048];
  alignas(64) float acc_ptr[16];
  alignas(64) float m_ptr[16];
  alignas(64) float l_ptr[16];
  __shared__ alignas(64) half ks_ptr[2048];
  __shared__ alignas(64) half vs_ptr[2048];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  iv_ptr[11] = CUQ_ptr[((int)blockIdx.z)];
  iv_ptr[13] = (CUQ_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[11]);
  iv_ptr[12] = CUK_ptr[((int)blockIdx.z)];
  iv_ptr[14] = (CUK_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[12]);
  for (int k = 0; k < 16; ++k) {
    float condval;
    if ((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)) < iv_ptr[13]) {
      condval = (((float)Q_ptr[((((min(((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)) + iv_ptr[11]), (TQ - 1)) * Hq) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, iv_ptr[14]), 0);
  iv_ptr[1] = max(min(sinks, iv_ptr[14]), 0);
  iv_ptr[10] = max(min(iv_ptr[14], ((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 32) - iv_ptr[13])), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 1) - iv_ptr[13]) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = iv_ptr[14];
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < iv_ptr[13]) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 16; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 64) + (((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1)) * 64)) + (((int)threadIdx.x) & 63))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 64) + (((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1)) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 5) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 64) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[14]) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13])) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + iv_ptr[13]) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - iv_ptr[14]) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_2) + 64)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_3) + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_4) + 128)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_5) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_6) + 192)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_7) + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_8) + 256)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_9) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_10) + 320)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_11) + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_12) + 384)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_13) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_14) + 448)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_15) + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_16) + 512)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_17) + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_18) + 576)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_19) + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_20) + 640)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_21) + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_22) + 704)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_23) + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_24) + 768)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_25) + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_26) + 832)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_27) + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_28) + 896)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_29) + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_30) + 960)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_31) + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
  }
  if (((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) < iv_ptr[13]) {
    float condval_23;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_23 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 2048) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_23);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_24;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_24 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_24 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_24;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 2) < iv_ptr[13]) {
    float condval_25;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_25 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 128)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_25);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_26;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_26 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_26 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 2)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_26;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 4) < iv_ptr[13]) {
    float condval_27;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_27 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 256)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_27);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_28;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_28 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_28 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 4)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_28;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 6) < iv_ptr[13]) {
    float condval_29;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_29 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 384)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_29);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_30;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_30 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_30 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 6)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_30;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 8) < iv_ptr[13]) {
    float condval_31;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_31 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 512)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_31);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_32;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_32 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_32 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 8)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_32;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 10) < iv_ptr[13]) {
    float condval_33;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_33 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 640)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_33);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_34;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_34 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_34 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 10)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_34;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 12) < iv_ptr[13]) {
    float condval_35;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_35 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 768)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_35);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_36;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_36 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_36 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 12)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_36;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 14) < iv_ptr[13]) {
    float condval_37;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_37 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 896)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_37);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_38;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_38 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_38 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 14)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_38;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 16) < iv_ptr[13]) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_39 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1024)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_39);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_40 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 16)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_40;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 18) < iv_ptr[13]) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_41 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1152)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_41);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_42 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 18)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_42;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 20) < iv_ptr[13]) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_43 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1280)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_43);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_44 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 20)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_44;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 22) < iv_ptr[13]) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_45 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1408)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_45);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_46 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 22)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_46;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 24) < iv_ptr[13]) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_47 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1536)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_47);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_48 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 24)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_48;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 26) < iv_ptr[13]) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_49 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1664)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_49);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_50 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 26)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_50;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 28) < iv_ptr[13]) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_51 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1792)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_51);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_52 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 28)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_52;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 30) < iv_ptr[13]) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_53 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1920)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((half)condval_53);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_54 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 30)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_54;
    }
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_merge_fp16_d64_kernel(float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS) {
  alignas(64) float red_ptr[4];
  red_ptr[0] = -CUDART_INF_F;
  for (int s = 0; s < NS; ++s) {
    red_ptr[0] = max(red_ptr[0], WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s)]);
  }
  float condval;
  if (red_ptr[0] == -CUDART_INF_F) {
    condval = 0x0p+0f/*0.000000e+00*/;
  } else {
    condval = red_ptr[0];
  }
  red_ptr[1] = condval;
  red_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  for (int s_1 = 0; s_1 < NS; ++s_1) {
    red_ptr[0] = exp2f((WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s_1)] - red_ptr[1]));
    red_ptr[2] = (red_ptr[2] + red_ptr[0]);
    red_ptr[3] = (red_ptr[3] + (red_ptr[0] * WO_ptr[((((s_1 * 64) + (((((int)blockIdx.y) * Hq) * NS) * 64)) + ((((int)blockIdx.x) * NS) * 64)) + ((int)threadIdx.x))]));
  }
  float condval_1;
  if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
    condval_1 = (red_ptr[3] / red_ptr[2]);
  } else {
    condval_1 = 0x0p+0f/*0.000000e+00*/;
  }
  O_ptr[(((((int)blockIdx.x) * 64) + ((((int)blockIdx.y) * Hq) * 64)) + ((int)threadIdx.x))] = ((half)condval_1);
  if (((int)threadIdx.x) == 0) {
    float condval_2;
    if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
      condval_2 = ((red_ptr[1] + log2f(red_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
    } else {
      condval_2 = -CUDART_INF_F;
    }
    LSE_ptr[((((int)blockIdx.y) * Hq) + ((int)blockIdx.x))] = condval_2;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_fp16_d64_g1_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[64];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 64) + ((((int)blockIdx.z) * Hk) * 64)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 64; ++k) {
      ks_ptr[((k * 64) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k * 64) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 64) + (((((int)blockIdx.z) * Hk) * NS) * 64)) + ((((int)blockIdx.y) * NS) * 64)) + ((int)threadIdx.x))] = condval_6;
  if (((int)threadIdx.x) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d64_g2_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 32; ++k) {
      ks_ptr[((k * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 64) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 128) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_6;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d64_g4_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_7;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d64_g8_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_4) + 256)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_5) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_6) + 384)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_7) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_11;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_13;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_15;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d64_g1_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[64];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 64) + ((((int)blockIdx.z) * Hk) * 64)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 64; ++k) {
      ks_ptr[((k * 64) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k * 64) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 64) + (((((int)blockIdx.z) * Hk) * NS) * 64)) + ((((int)blockIdx.y) * NS) * 64)) + ((int)threadIdx.x))] = condval_6;
  if (((int)threadIdx.x) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g2_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 32; ++k) {
      ks_ptr[((k * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 64) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 128) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_6;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g4_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_7;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g8_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_4) + 256)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_5) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_6) + 384)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_7) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_11;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_13;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_15;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d64_g1_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[64];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 64) + ((((int)blockIdx.z) * Hk) * 64)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 64; ++k) {
      ks_ptr[((k * 64) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k * 64) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 64) + (((((int)blockIdx.z) * Hk) * NS) * 64)) + ((((int)blockIdx.y) * NS) * 64)) + ((int)threadIdx.x))] = condval_6;
  if (((int)threadIdx.x) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g2_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 32; ++k) {
      ks_ptr[((k * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 64) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 128) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_6;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g4_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_7;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d64_g8_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_4) + 256)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_5) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_6) + 384)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_7) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_11;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_13;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_15;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_fp16_d128_kernel(half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[4096];
  alignas(64) float acc_ptr[32];
  alignas(64) float m_ptr[32];
  alignas(64) float l_ptr[32];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  for (int k = 0; k < 32; ++k) {
    float condval;
    if (((((int)blockIdx.x) * 32) + k) < S) {
      condval = (((float)Q_ptr[(((min(((((int)blockIdx.x) * 32) + k), (S - 1)) * 128) + ((((((int)blockIdx.z) * Hq) + ((int)blockIdx.y)) * S) * 128)) + ((int)threadIdx.x))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[16] = -CUDART_INF_F;
  l_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[17] = -CUDART_INF_F;
  l_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[18] = -CUDART_INF_F;
  l_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[19] = -CUDART_INF_F;
  l_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[20] = -CUDART_INF_F;
  l_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[21] = -CUDART_INF_F;
  l_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[22] = -CUDART_INF_F;
  l_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[23] = -CUDART_INF_F;
  l_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[24] = -CUDART_INF_F;
  l_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[25] = -CUDART_INF_F;
  l_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[26] = -CUDART_INF_F;
  l_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[27] = -CUDART_INF_F;
  l_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[28] = -CUDART_INF_F;
  l_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[29] = -CUDART_INF_F;
  l_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[30] = -CUDART_INF_F;
  l_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[31] = -CUDART_INF_F;
  l_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, L), 0);
  iv_ptr[1] = max(min(sinks, L), 0);
  iv_ptr[10] = max(min(L, ((((((int)blockIdx.x) * 32) + L) + 32) - S)), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + L) + 1) - S) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = L;
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < S) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[7] + k_1), (L - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1))) * L) * 128)) + ((int)threadIdx.x))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[7] + k_1), (L - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1))) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 512) + ((((int)threadIdx.x) >> 5) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 128) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < L) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S)) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + S) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - L) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 32)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 32)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 64)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 96)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 96)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 128)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 160)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 160)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 192)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 224)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 224)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_16 + 256)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[(j_17 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_18 + 288)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[(j_19 + 288)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_20 + 320)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[(j_21 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_22 + 352)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[(j_23 + 352)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_24 + 384)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[(j_25 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_26 + 416)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[(j_27 + 416)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_28 + 448)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[(j_29 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_30 + 480)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[(j_31 + 480)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
    red_ptr[0] = m_ptr[16];
    for (int j_32 = 0; j_32 < 32; ++j_32) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_32 + 512)]);
    }
    float condval_23;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_23 = red_ptr[0];
    }
    red_ptr[1] = condval_23;
    red_ptr[2] = exp2f((m_ptr[16] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[16] = (acc_ptr[16] * red_ptr[2]);
    for (int j_33 = 0; j_33 < 32; ++j_33) {
      red_ptr[4] = exp2f((ss_ptr[(j_33 + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[16] = (acc_ptr[16] + (red_ptr[4] * ((float)vs_ptr[((j_33 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[16] = ((l_ptr[16] * red_ptr[2]) + red_ptr[3]);
    m_ptr[16] = red_ptr[0];
    red_ptr[0] = m_ptr[17];
    for (int j_34 = 0; j_34 < 32; ++j_34) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_34 + 544)]);
    }
    float condval_24;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_24 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_24 = red_ptr[0];
    }
    red_ptr[1] = condval_24;
    red_ptr[2] = exp2f((m_ptr[17] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[17] = (acc_ptr[17] * red_ptr[2]);
    for (int j_35 = 0; j_35 < 32; ++j_35) {
      red_ptr[4] = exp2f((ss_ptr[(j_35 + 544)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[17] = (acc_ptr[17] + (red_ptr[4] * ((float)vs_ptr[((j_35 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[17] = ((l_ptr[17] * red_ptr[2]) + red_ptr[3]);
    m_ptr[17] = red_ptr[0];
    red_ptr[0] = m_ptr[18];
    for (int j_36 = 0; j_36 < 32; ++j_36) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_36 + 576)]);
    }
    float condval_25;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_25 = red_ptr[0];
    }
    red_ptr[1] = condval_25;
    red_ptr[2] = exp2f((m_ptr[18] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[18] = (acc_ptr[18] * red_ptr[2]);
    for (int j_37 = 0; j_37 < 32; ++j_37) {
      red_ptr[4] = exp2f((ss_ptr[(j_37 + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[18] = (acc_ptr[18] + (red_ptr[4] * ((float)vs_ptr[((j_37 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[18] = ((l_ptr[18] * red_ptr[2]) + red_ptr[3]);
    m_ptr[18] = red_ptr[0];
    red_ptr[0] = m_ptr[19];
    for (int j_38 = 0; j_38 < 32; ++j_38) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_38 + 608)]);
    }
    float condval_26;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_26 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_26 = red_ptr[0];
    }
    red_ptr[1] = condval_26;
    red_ptr[2] = exp2f((m_ptr[19] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[19] = (acc_ptr[19] * red_ptr[2]);
    for (int j_39 = 0; j_39 < 32; ++j_39) {
      red_ptr[4] = exp2f((ss_ptr[(j_39 + 608)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[19] = (acc_ptr[19] + (red_ptr[4] * ((float)vs_ptr[((j_39 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[19] = ((l_ptr[19] * red_ptr[2]) + red_ptr[3]);
    m_ptr[19] = red_ptr[0];
    red_ptr[0] = m_ptr[20];
    for (int j_40 = 0; j_40 < 32; ++j_40) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_40 + 640)]);
    }
    float condval_27;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_27 = red_ptr[0];
    }
    red_ptr[1] = condval_27;
    red_ptr[2] = exp2f((m_ptr[20] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[20] = (acc_ptr[20] * red_ptr[2]);
    for (int j_41 = 0; j_41 < 32; ++j_41) {
      red_ptr[4] = exp2f((ss_ptr[(j_41 + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[20] = (acc_ptr[20] + (red_ptr[4] * ((float)vs_ptr[((j_41 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[20] = ((l_ptr[20] * red_ptr[2]) + red_ptr[3]);
    m_ptr[20] = red_ptr[0];
    red_ptr[0] = m_ptr[21];
    for (int j_42 = 0; j_42 < 32; ++j_42) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_42 + 672)]);
    }
    float condval_28;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_28 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_28 = red_ptr[0];
    }
    red_ptr[1] = condval_28;
    red_ptr[2] = exp2f((m_ptr[21] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[21] = (acc_ptr[21] * red_ptr[2]);
    for (int j_43 = 0; j_43 < 32; ++j_43) {
      red_ptr[4] = exp2f((ss_ptr[(j_43 + 672)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[21] = (acc_ptr[21] + (red_ptr[4] * ((float)vs_ptr[((j_43 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[21] = ((l_ptr[21] * red_ptr[2]) + red_ptr[3]);
    m_ptr[21] = red_ptr[0];
    red_ptr[0] = m_ptr[22];
    for (int j_44 = 0; j_44 < 32; ++j_44) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_44 + 704)]);
    }
    float condval_29;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_29 = red_ptr[0];
    }
    red_ptr[1] = condval_29;
    red_ptr[2] = exp2f((m_ptr[22] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[22] = (acc_ptr[22] * red_ptr[2]);
    for (int j_45 = 0; j_45 < 32; ++j_45) {
      red_ptr[4] = exp2f((ss_ptr[(j_45 + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[22] = (acc_ptr[22] + (red_ptr[4] * ((float)vs_ptr[((j_45 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[22] = ((l_ptr[22] * red_ptr[2]) + red_ptr[3]);
    m_ptr[22] = red_ptr[0];
    red_ptr[0] = m_ptr[23];
    for (int j_46 = 0; j_46 < 32; ++j_46) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_46 + 736)]);
    }
    float condval_30;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_30 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_30 = red_ptr[0];
    }
    red_ptr[1] = condval_30;
    red_ptr[2] = exp2f((m_ptr[23] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[23] = (acc_ptr[23] * red_ptr[2]);
    for (int j_47 = 0; j_47 < 32; ++j_47) {
      red_ptr[4] = exp2f((ss_ptr[(j_47 + 736)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[23] = (acc_ptr[23] + (red_ptr[4] * ((float)vs_ptr[((j_47 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[23] = ((l_ptr[23] * red_ptr[2]) + red_ptr[3]);
    m_ptr[23] = red_ptr[0];
    red_ptr[0] = m_ptr[24];
    for (int j_48 = 0; j_48 < 32; ++j_48) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_48 + 768)]);
    }
    float condval_31;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_31 = red_ptr[0];
    }
    red_ptr[1] = condval_31;
    red_ptr[2] = exp2f((m_ptr[24] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[24] = (acc_ptr[24] * red_ptr[2]);
    for (int j_49 = 0; j_49 < 32; ++j_49) {
      red_ptr[4] = exp2f((ss_ptr[(j_49 + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[24] = (acc_ptr[24] + (red_ptr[4] * ((float)vs_ptr[((j_49 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[24] = ((l_ptr[24] * red_ptr[2]) + red_ptr[3]);
    m_ptr[24] = red_ptr[0];
    red_ptr[0] = m_ptr[25];
    for (int j_50 = 0; j_50 < 32; ++j_50) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_50 + 800)]);
    }
    float condval_32;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_32 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_32 = red_ptr[0];
    }
    red_ptr[1] = condval_32;
    red_ptr[2] = exp2f((m_ptr[25] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[25] = (acc_ptr[25] * red_ptr[2]);
    for (int j_51 = 0; j_51 < 32; ++j_51) {
      red_ptr[4] = exp2f((ss_ptr[(j_51 + 800)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[25] = (acc_ptr[25] + (red_ptr[4] * ((float)vs_ptr[((j_51 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[25] = ((l_ptr[25] * red_ptr[2]) + red_ptr[3]);
    m_ptr[25] = red_ptr[0];
    red_ptr[0] = m_ptr[26];
    for (int j_52 = 0; j_52 < 32; ++j_52) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_52 + 832)]);
    }
    float condval_33;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_33 = red_ptr[0];
    }
    red_ptr[1] = condval_33;
    red_ptr[2] = exp2f((m_ptr[26] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[26] = (acc_ptr[26] * red_ptr[2]);
    for (int j_53 = 0; j_53 < 32; ++j_53) {
      red_ptr[4] = exp2f((ss_ptr[(j_53 + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[26] = (acc_ptr[26] + (red_ptr[4] * ((float)vs_ptr[((j_53 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[26] = ((l_ptr[26] * red_ptr[2]) + red_ptr[3]);
    m_ptr[26] = red_ptr[0];
    red_ptr[0] = m_ptr[27];
    for (int j_54 = 0; j_54 < 32; ++j_54) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_54 + 864)]);
    }
    float condval_34;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_34 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_34 = red_ptr[0];
    }
    red_ptr[1] = condval_34;
    red_ptr[2] = exp2f((m_ptr[27] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[27] = (acc_ptr[27] * red_ptr[2]);
    for (int j_55 = 0; j_55 < 32; ++j_55) {
      red_ptr[4] = exp2f((ss_ptr[(j_55 + 864)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[27] = (acc_ptr[27] + (red_ptr[4] * ((float)vs_ptr[((j_55 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[27] = ((l_ptr[27] * red_ptr[2]) + red_ptr[3]);
    m_ptr[27] = red_ptr[0];
    red_ptr[0] = m_ptr[28];
    for (int j_56 = 0; j_56 < 32; ++j_56) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_56 + 896)]);
    }
    float condval_35;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_35 = red_ptr[0];
    }
    red_ptr[1] = condval_35;
    red_ptr[2] = exp2f((m_ptr[28] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[28] = (acc_ptr[28] * red_ptr[2]);
    for (int j_57 = 0; j_57 < 32; ++j_57) {
      red_ptr[4] = exp2f((ss_ptr[(j_57 + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[28] = (acc_ptr[28] + (red_ptr[4] * ((float)vs_ptr[((j_57 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[28] = ((l_ptr[28] * red_ptr[2]) + red_ptr[3]);
    m_ptr[28] = red_ptr[0];
    red_ptr[0] = m_ptr[29];
    for (int j_58 = 0; j_58 < 32; ++j_58) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_58 + 928)]);
    }
    float condval_36;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_36 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_36 = red_ptr[0];
    }
    red_ptr[1] = condval_36;
    red_ptr[2] = exp2f((m_ptr[29] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[29] = (acc_ptr[29] * red_ptr[2]);
    for (int j_59 = 0; j_59 < 32; ++j_59) {
      red_ptr[4] = exp2f((ss_ptr[(j_59 + 928)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[29] = (acc_ptr[29] + (red_ptr[4] * ((float)vs_ptr[((j_59 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[29] = ((l_ptr[29] * red_ptr[2]) + red_ptr[3]);
    m_ptr[29] = red_ptr[0];
    red_ptr[0] = m_ptr[30];
    for (int j_60 = 0; j_60 < 32; ++j_60) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_60 + 960)]);
    }
    float condval_37;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_37 = red_ptr[0];
    }
    red_ptr[1] = condval_37;
    red_ptr[2] = exp2f((m_ptr[30] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[30] = (acc_ptr[30] * red_ptr[2]);
    for (int j_61 = 0; j_61 < 32; ++j_61) {
      red_ptr[4] = exp2f((ss_ptr[(j_61 + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[30] = (acc_ptr[30] + (red_ptr[4] * ((float)vs_ptr[((j_61 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[30] = ((l_ptr[30] * red_ptr[2]) + red_ptr[3]);
    m_ptr[30] = red_ptr[0];
    red_ptr[0] = m_ptr[31];
    for (int j_62 = 0; j_62 < 32; ++j_62) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_62 + 992)]);
    }
    float condval_38;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_38 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_38 = red_ptr[0];
    }
    red_ptr[1] = condval_38;
    red_ptr[2] = exp2f((m_ptr[31] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[31] = (acc_ptr[31] * red_ptr[2]);
    for (int j_63 = 0; j_63 < 32; ++j_63) {
      red_ptr[4] = exp2f((ss_ptr[(j_63 + 992)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[31] = (acc_ptr[31] + (red_ptr[4] * ((float)vs_ptr[((j_63 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[31] = ((l_ptr[31] * red_ptr[2]) + red_ptr[3]);
    m_ptr[31] = red_ptr[0];
  }
  if ((((int)blockIdx.x) * 32) < S) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_39 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x))] = ((half)condval_39);
    if (((int)threadIdx.x) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_40 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[(((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S))] = condval_40;
    }
  }
  if (((((int)blockIdx.x) * 32) + 1) < S) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_41 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 128)] = ((half)condval_41);
    if (((int)threadIdx.x) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_42 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 1)] = condval_42;
    }
  }
  if (((((int)blockIdx.x) * 32) + 2) < S) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_43 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 256)] = ((half)condval_43);
    if (((int)threadIdx.x) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_44 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 2)] = condval_44;
    }
  }
  if (((((int)blockIdx.x) * 32) + 3) < S) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_45 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 384)] = ((half)condval_45);
    if (((int)threadIdx.x) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_46 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 3)] = condval_46;
    }
  }
  if (((((int)blockIdx.x) * 32) + 4) < S) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_47 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 512)] = ((half)condval_47);
    if (((int)threadIdx.x) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_48 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 4)] = condval_48;
    }
  }
  if (((((int)blockIdx.x) * 32) + 5) < S) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_49 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 640)] = ((half)condval_49);
    if (((int)threadIdx.x) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_50 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 5)] = condval_50;
    }
  }
  if (((((int)blockIdx.x) * 32) + 6) < S) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_51 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 768)] = ((half)condval_51);
    if (((int)threadIdx.x) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_52 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 6)] = condval_52;
    }
  }
  if (((((int)blockIdx.x) * 32) + 7) < S) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_53 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 896)] = ((half)condval_53);
    if (((int)threadIdx.x) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_54 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 7)] = condval_54;
    }
  }
  if (((((int)blockIdx.x) * 32) + 8) < S) {
    float condval_55;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_55 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_55 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1024)] = ((half)condval_55);
    if (((int)threadIdx.x) == 0) {
      float condval_56;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_56 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_56 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 8)] = condval_56;
    }
  }
  if (((((int)blockIdx.x) * 32) + 9) < S) {
    float condval_57;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_57 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_57 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1152)] = ((half)condval_57);
    if (((int)threadIdx.x) == 0) {
      float condval_58;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_58 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_58 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 9)] = condval_58;
    }
  }
  if (((((int)blockIdx.x) * 32) + 10) < S) {
    float condval_59;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_59 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_59 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1280)] = ((half)condval_59);
    if (((int)threadIdx.x) == 0) {
      float condval_60;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_60 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_60 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 10)] = condval_60;
    }
  }
  if (((((int)blockIdx.x) * 32) + 11) < S) {
    float condval_61;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_61 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_61 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1408)] = ((half)condval_61);
    if (((int)threadIdx.x) == 0) {
      float condval_62;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_62 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_62 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 11)] = condval_62;
    }
  }
  if (((((int)blockIdx.x) * 32) + 12) < S) {
    float condval_63;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_63 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_63 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1536)] = ((half)condval_63);
    if (((int)threadIdx.x) == 0) {
      float condval_64;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_64 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_64 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 12)] = condval_64;
    }
  }
  if (((((int)blockIdx.x) * 32) + 13) < S) {
    float condval_65;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_65 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_65 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1664)] = ((half)condval_65);
    if (((int)threadIdx.x) == 0) {
      float condval_66;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_66 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_66 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 13)] = condval_66;
    }
  }
  if (((((int)blockIdx.x) * 32) + 14) < S) {
    float condval_67;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_67 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_67 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1792)] = ((half)condval_67);
    if (((int)threadIdx.x) == 0) {
      float condval_68;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_68 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_68 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 14)] = condval_68;
    }
  }
  if (((((int)blockIdx.x) * 32) + 15) < S) {
    float condval_69;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_69 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_69 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1920)] = ((half)condval_69);
    if (((int)threadIdx.x) == 0) {
      float condval_70;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_70 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_70 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 15)] = condval_70;
    }
  }
  if (((((int)blockIdx.x) * 32) + 16) < S) {
    float condval_71;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
      condval_71 = (acc_ptr[16] / l_ptr[16]);
    } else {
      condval_71 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2048)] = ((half)condval_71);
    if (((int)threadIdx.x) == 0) {
      float condval_72;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
        condval_72 = ((m_ptr[16] + log2f(l_ptr[16])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_72 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 16)] = condval_72;
    }
  }
  if (((((int)blockIdx.x) * 32) + 17) < S) {
    float condval_73;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
      condval_73 = (acc_ptr[17] / l_ptr[17]);
    } else {
      condval_73 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2176)] = ((half)condval_73);
    if (((int)threadIdx.x) == 0) {
      float condval_74;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
        condval_74 = ((m_ptr[17] + log2f(l_ptr[17])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_74 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 17)] = condval_74;
    }
  }
  if (((((int)blockIdx.x) * 32) + 18) < S) {
    float condval_75;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
      condval_75 = (acc_ptr[18] / l_ptr[18]);
    } else {
      condval_75 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2304)] = ((half)condval_75);
    if (((int)threadIdx.x) == 0) {
      float condval_76;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
        condval_76 = ((m_ptr[18] + log2f(l_ptr[18])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_76 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 18)] = condval_76;
    }
  }
  if (((((int)blockIdx.x) * 32) + 19) < S) {
    float condval_77;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
      condval_77 = (acc_ptr[19] / l_ptr[19]);
    } else {
      condval_77 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2432)] = ((half)condval_77);
    if (((int)threadIdx.x) == 0) {
      float condval_78;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
        condval_78 = ((m_ptr[19] + log2f(l_ptr[19])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_78 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 19)] = condval_78;
    }
  }
  if (((((int)blockIdx.x) * 32) + 20) < S) {
    float condval_79;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
      condval_79 = (acc_ptr[20] / l_ptr[20]);
    } else {
      condval_79 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2560)] = ((half)condval_79);
    if (((int)threadIdx.x) == 0) {
      float condval_80;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
        condval_80 = ((m_ptr[20] + log2f(l_ptr[20])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_80 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 20)] = condval_80;
    }
  }
  if (((((int)blockIdx.x) * 32) + 21) < S) {
    float condval_81;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
      condval_81 = (acc_ptr[21] / l_ptr[21]);
    } else {
      condval_81 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2688)] = ((half)condval_81);
    if (((int)threadIdx.x) == 0) {
      float condval_82;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
        condval_82 = ((m_ptr[21] + log2f(l_ptr[21])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_82 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 21)] = condval_82;
    }
  }
  if (((((int)blockIdx.x) * 32) + 22) < S) {
    float condval_83;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
      condval_83 = (acc_ptr[22] / l_ptr[22]);
    } else {
      condval_83 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2816)] = ((half)condval_83);
    if (((int)threadIdx.x) == 0) {
      float condval_84;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
        condval_84 = ((m_ptr[22] + log2f(l_ptr[22])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_84 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 22)] = condval_84;
    }
  }
  if (((((int)blockIdx.x) * 32) + 23) < S) {
    float condval_85;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
      condval_85 = (acc_ptr[23] / l_ptr[23]);
    } else {
      condval_85 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2944)] = ((half)condval_85);
    if (((int)threadIdx.x) == 0) {
      float condval_86;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
        condval_86 = ((m_ptr[23] + log2f(l_ptr[23])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_86 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 23)] = condval_86;
    }
  }
  if (((((int)blockIdx.x) * 32) + 24) < S) {
    float condval_87;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
      condval_87 = (acc_ptr[24] / l_ptr[24]);
    } else {
      condval_87 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3072)] = ((half)condval_87);
    if (((int)threadIdx.x) == 0) {
      float condval_88;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
        condval_88 = ((m_ptr[24] + log2f(l_ptr[24])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_88 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 24)] = condval_88;
    }
  }
  if (((((int)blockIdx.x) * 32) + 25) < S) {
    float condval_89;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
      condval_89 = (acc_ptr[25] / l_ptr[25]);
    } else {
      condval_89 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3200)] = ((half)condval_89);
    if (((int)threadIdx.x) == 0) {
      float condval_90;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
        condval_90 = ((m_ptr[25] + log2f(l_ptr[25])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_90 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 25)] = condval_90;
    }
  }
  if (((((int)blockIdx.x) * 32) + 26) < S) {
    float condval_91;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
      condval_91 = (acc_ptr[26] / l_ptr[26]);
    } else {
      condval_91 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3328)] = ((half)condval_91);
    if (((int)threadIdx.x) == 0) {
      float condval_92;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
        condval_92 = ((m_ptr[26] + log2f(l_ptr[26])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_92 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 26)] = condval_92;
    }
  }
  if (((((int)blockIdx.x) * 32) + 27) < S) {
    float condval_93;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
      condval_93 = (acc_ptr[27] / l_ptr[27]);
    } else {
      condval_93 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3456)] = ((half)condval_93);
    if (((int)threadIdx.x) == 0) {
      float condval_94;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
        condval_94 = ((m_ptr[27] + log2f(l_ptr[27])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_94 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 27)] = condval_94;
    }
  }
  if (((((int)blockIdx.x) * 32) + 28) < S) {
    float condval_95;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
      condval_95 = (acc_ptr[28] / l_ptr[28]);
    } else {
      condval_95 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3584)] = ((half)condval_95);
    if (((int)threadIdx.x) == 0) {
      float condval_96;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
        condval_96 = ((m_ptr[28] + log2f(l_ptr[28])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_96 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 28)] = condval_96;
    }
  }
  if (((((int)blockIdx.x) * 32) + 29) < S) {
    float condval_97;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
      condval_97 = (acc_ptr[29] / l_ptr[29]);
    } else {
      condval_97 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3712)] = ((half)condval_97);
    if (((int)threadIdx.x) == 0) {
      float condval_98;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
        condval_98 = ((m_ptr[29] + log2f(l_ptr[29])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_98 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 29)] = condval_98;
    }
  }
  if (((((int)blockIdx.x) * 32) + 30) < S) {
    float condval_99;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
      condval_99 = (acc_ptr[30] / l_ptr[30]);
    } else {
      condval_99 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3840)] = ((half)condval_99);
    if (((int)threadIdx.x) == 0) {
      float condval_100;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
        condval_100 = ((m_ptr[30] + log2f(l_ptr[30])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_100 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 30)] = condval_100;
    }
  }
  if (((((int)blockIdx.x) * 32) + 31) < S) {
    float condval_101;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
      condval_101 = (acc_ptr[31] / l_ptr[31]);
    } else {
      condval_101 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3968)] = ((half)condval_101);
    if (((int)threadIdx.x) == 0) {
      float condval_102;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
        condval_102 = ((m_ptr[31] + log2f(l_ptr[31])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_102 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 31)] = condval_102;
    }
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_fp16_d128_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, half* __restrict__ K_ptr, float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window) {
  alignas(64) int iv_ptr[15];
  __shared__ alignas(64) float qs_ptr[4096];
  alignas(64) float acc_ptr[32];
  alignas(64) float m_ptr[32];
  alignas(64) float l_ptr[32];
  __shared__ alignas(64) half ks_ptr[4096];
  __shared__ alignas(64) half vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  iv_ptr[11] = CUQ_ptr[((int)blockIdx.z)];
  iv_ptr[13] = (CUQ_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[11]);
  iv_ptr[12] = CUK_ptr[((int)blockIdx.z)];
  iv_ptr[14] = (CUK_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[12]);
  for (int k = 0; k < 32; ++k) {
    float condval;
    if (((((int)blockIdx.x) * 32) + k) < iv_ptr[13]) {
      condval = (((float)Q_ptr[((((min((((((int)blockIdx.x) * 32) + iv_ptr[11]) + k), (TQ - 1)) * Hq) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[16] = -CUDART_INF_F;
  l_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[17] = -CUDART_INF_F;
  l_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[18] = -CUDART_INF_F;
  l_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[19] = -CUDART_INF_F;
  l_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[20] = -CUDART_INF_F;
  l_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[21] = -CUDART_INF_F;
  l_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[22] = -CUDART_INF_F;
  l_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[23] = -CUDART_INF_F;
  l_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[24] = -CUDART_INF_F;
  l_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[25] = -CUDART_INF_F;
  l_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[26] = -CUDART_INF_F;
  l_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[27] = -CUDART_INF_F;
  l_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[28] = -CUDART_INF_F;
  l_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[29] = -CUDART_INF_F;
  l_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[30] = -CUDART_INF_F;
  l_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[31] = -CUDART_INF_F;
  l_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, iv_ptr[14]), 0);
  iv_ptr[1] = max(min(sinks, iv_ptr[14]), 0);
  iv_ptr[10] = max(min(iv_ptr[14], ((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 32) - iv_ptr[13])), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 1) - iv_ptr[13]) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = iv_ptr[14];
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < iv_ptr[13]) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((((min((iv_ptr[7] + k_1), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 128) + (((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1)) * 128)) + ((int)threadIdx.x))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((((min((iv_ptr[7] + k_1), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 128) + (((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1)) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 512) + ((((int)threadIdx.x) >> 5) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 128) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[14]) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13])) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + iv_ptr[13]) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - iv_ptr[14]) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 32)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 32)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 64)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 96)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 96)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 128)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 160)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 160)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 192)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 224)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 224)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_16 + 256)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[(j_17 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_18 + 288)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[(j_19 + 288)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_20 + 320)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[(j_21 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_22 + 352)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[(j_23 + 352)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_24 + 384)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[(j_25 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_26 + 416)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[(j_27 + 416)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_28 + 448)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[(j_29 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_30 + 480)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[(j_31 + 480)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
    red_ptr[0] = m_ptr[16];
    for (int j_32 = 0; j_32 < 32; ++j_32) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_32 + 512)]);
    }
    float condval_23;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_23 = red_ptr[0];
    }
    red_ptr[1] = condval_23;
    red_ptr[2] = exp2f((m_ptr[16] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[16] = (acc_ptr[16] * red_ptr[2]);
    for (int j_33 = 0; j_33 < 32; ++j_33) {
      red_ptr[4] = exp2f((ss_ptr[(j_33 + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[16] = (acc_ptr[16] + (red_ptr[4] * ((float)vs_ptr[((j_33 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[16] = ((l_ptr[16] * red_ptr[2]) + red_ptr[3]);
    m_ptr[16] = red_ptr[0];
    red_ptr[0] = m_ptr[17];
    for (int j_34 = 0; j_34 < 32; ++j_34) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_34 + 544)]);
    }
    float condval_24;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_24 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_24 = red_ptr[0];
    }
    red_ptr[1] = condval_24;
    red_ptr[2] = exp2f((m_ptr[17] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[17] = (acc_ptr[17] * red_ptr[2]);
    for (int j_35 = 0; j_35 < 32; ++j_35) {
      red_ptr[4] = exp2f((ss_ptr[(j_35 + 544)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[17] = (acc_ptr[17] + (red_ptr[4] * ((float)vs_ptr[((j_35 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[17] = ((l_ptr[17] * red_ptr[2]) + red_ptr[3]);
    m_ptr[17] = red_ptr[0];
    red_ptr[0] = m_ptr[18];
    for (int j_36 = 0; j_36 < 32; ++j_36) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_36 + 576)]);
    }
    float condval_25;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_25 = red_ptr[0];
    }
    red_ptr[1] = condval_25;
    red_ptr[2] = exp2f((m_ptr[18] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[18] = (acc_ptr[18] * red_ptr[2]);
    for (int j_37 = 0; j_37 < 32; ++j_37) {
      red_ptr[4] = exp2f((ss_ptr[(j_37 + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[18] = (acc_ptr[18] + (red_ptr[4] * ((float)vs_ptr[((j_37 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[18] = ((l_ptr[18] * red_ptr[2]) + red_ptr[3]);
    m_ptr[18] = red_ptr[0];
    red_ptr[0] = m_ptr[19];
    for (int j_38 = 0; j_38 < 32; ++j_38) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_38 + 608)]);
    }
    float condval_26;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_26 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_26 = red_ptr[0];
    }
    red_ptr[1] = condval_26;
    red_ptr[2] = exp2f((m_ptr[19] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[19] = (acc_ptr[19] * red_ptr[2]);
    for (int j_39 = 0; j_39 < 32; ++j_39) {
      red_ptr[4] = exp2f((ss_ptr[(j_39 + 608)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[19] = (acc_ptr[19] + (red_ptr[4] * ((float)vs_ptr[((j_39 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[19] = ((l_ptr[19] * red_ptr[2]) + red_ptr[3]);
    m_ptr[19] = red_ptr[0];
    red_ptr[0] = m_ptr[20];
    for (int j_40 = 0; j_40 < 32; ++j_40) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_40 + 640)]);
    }
    float condval_27;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_27 = red_ptr[0];
    }
    red_ptr[1] = condval_27;
    red_ptr[2] = exp2f((m_ptr[20] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[20] = (acc_ptr[20] * red_ptr[2]);
    for (int j_41 = 0; j_41 < 32; ++j_41) {
      red_ptr[4] = exp2f((ss_ptr[(j_41 + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[20] = (acc_ptr[20] + (red_ptr[4] * ((float)vs_ptr[((j_41 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[20] = ((l_ptr[20] * red_ptr[2]) + red_ptr[3]);
    m_ptr[20] = red_ptr[0];
    red_ptr[0] = m_ptr[21];
    for (int j_42 = 0; j_42 < 32; ++j_42) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_42 + 672)]);
    }
    float condval_28;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_28 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_28 = red_ptr[0];
    }
    red_ptr[1] = condval_28;
    red_ptr[2] = exp2f((m_ptr[21] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[21] = (acc_ptr[21] * red_ptr[2]);
    for (int j_43 = 0; j_43 < 32; ++j_43) {
      red_ptr[4] = exp2f((ss_ptr[(j_43 + 672)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[21] = (acc_ptr[21] + (red_ptr[4] * ((float)vs_ptr[((j_43 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[21] = ((l_ptr[21] * red_ptr[2]) + red_ptr[3]);
    m_ptr[21] = red_ptr[0];
    red_ptr[0] = m_ptr[22];
    for (int j_44 = 0; j_44 < 32; ++j_44) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_44 + 704)]);
    }
    float condval_29;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_29 = red_ptr[0];
    }
    red_ptr[1] = condval_29;
    red_ptr[2] = exp2f((m_ptr[22] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[22] = (acc_ptr[22] * red_ptr[2]);
    for (int j_45 = 0; j_45 < 32; ++j_45) {
      red_ptr[4] = exp2f((ss_ptr[(j_45 + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[22] = (acc_ptr[22] + (red_ptr[4] * ((float)vs_ptr[((j_45 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[22] = ((l_ptr[22] * red_ptr[2]) + red_ptr[3]);
    m_ptr[22] = red_ptr[0];
    red_ptr[0] = m_ptr[23];
    for (int j_46 = 0; j_46 < 32; ++j_46) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_46 + 736)]);
    }
    float condval_30;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_30 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_30 = red_ptr[0];
    }
    red_ptr[1] = condval_30;
    red_ptr[2] = exp2f((m_ptr[23] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[23] = (acc_ptr[23] * red_ptr[2]);
    for (int j_47 = 0; j_47 < 32; ++j_47) {
      red_ptr[4] = exp2f((ss_ptr[(j_47 + 736)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[23] = (acc_ptr[23] + (red_ptr[4] * ((float)vs_ptr[((j_47 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[23] = ((l_ptr[23] * red_ptr[2]) + red_ptr[3]);
    m_ptr[23] = red_ptr[0];
    red_ptr[0] = m_ptr[24];
    for (int j_48 = 0; j_48 < 32; ++j_48) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_48 + 768)]);
    }
    float condval_31;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_31 = red_ptr[0];
    }
    red_ptr[1] = condval_31;
    red_ptr[2] = exp2f((m_ptr[24] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[24] = (acc_ptr[24] * red_ptr[2]);
    for (int j_49 = 0; j_49 < 32; ++j_49) {
      red_ptr[4] = exp2f((ss_ptr[(j_49 + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[24] = (acc_ptr[24] + (red_ptr[4] * ((float)vs_ptr[((j_49 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[24] = ((l_ptr[24] * red_ptr[2]) + red_ptr[3]);
    m_ptr[24] = red_ptr[0];
    red_ptr[0] = m_ptr[25];
    for (int j_50 = 0; j_50 < 32; ++j_50) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_50 + 800)]);
    }
    float condval_32;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_32 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_32 = red_ptr[0];
    }
    red_ptr[1] = condval_32;
    red_ptr[2] = exp2f((m_ptr[25] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[25] = (acc_ptr[25] * red_ptr[2]);
    for (int j_51 = 0; j_51 < 32; ++j_51) {
      red_ptr[4] = exp2f((ss_ptr[(j_51 + 800)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[25] = (acc_ptr[25] + (red_ptr[4] * ((float)vs_ptr[((j_51 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[25] = ((l_ptr[25] * red_ptr[2]) + red_ptr[3]);
    m_ptr[25] = red_ptr[0];
    red_ptr[0] = m_ptr[26];
    for (int j_52 = 0; j_52 < 32; ++j_52) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_52 + 832)]);
    }
    float condval_33;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_33 = red_ptr[0];
    }
    red_ptr[1] = condval_33;
    red_ptr[2] = exp2f((m_ptr[26] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[26] = (acc_ptr[26] * red_ptr[2]);
    for (int j_53 = 0; j_53 < 32; ++j_53) {
      red_ptr[4] = exp2f((ss_ptr[(j_53 + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[26] = (acc_ptr[26] + (red_ptr[4] * ((float)vs_ptr[((j_53 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[26] = ((l_ptr[26] * red_ptr[2]) + red_ptr[3]);
    m_ptr[26] = red_ptr[0];
    red_ptr[0] = m_ptr[27];
    for (int j_54 = 0; j_54 < 32; ++j_54) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_54 + 864)]);
    }
    float condval_34;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_34 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_34 = red_ptr[0];
    }
    red_ptr[1] = condval_34;
    red_ptr[2] = exp2f((m_ptr[27] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[27] = (acc_ptr[27] * red_ptr[2]);
    for (int j_55 = 0; j_55 < 32; ++j_55) {
      red_ptr[4] = exp2f((ss_ptr[(j_55 + 864)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[27] = (acc_ptr[27] + (red_ptr[4] * ((float)vs_ptr[((j_55 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[27] = ((l_ptr[27] * red_ptr[2]) + red_ptr[3]);
    m_ptr[27] = red_ptr[0];
    red_ptr[0] = m_ptr[28];
    for (int j_56 = 0; j_56 < 32; ++j_56) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_56 + 896)]);
    }
    float condval_35;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_35 = red_ptr[0];
    }
    red_ptr[1] = condval_35;
    red_ptr[2] = exp2f((m_ptr[28] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[28] = (acc_ptr[28] * red_ptr[2]);
    for (int j_57 = 0; j_57 < 32; ++j_57) {
      red_ptr[4] = exp2f((ss_ptr[(j_57 + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[28] = (acc_ptr[28] + (red_ptr[4] * ((float)vs_ptr[((j_57 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[28] = ((l_ptr[28] * red_ptr[2]) + red_ptr[3]);
    m_ptr[28] = red_ptr[0];
    red_ptr[0] = m_ptr[29];
    for (int j_58 = 0; j_58 < 32; ++j_58) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_58 + 928)]);
    }
    float condval_36;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_36 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_36 = red_ptr[0];
    }
    red_ptr[1] = condval_36;
    red_ptr[2] = exp2f((m_ptr[29] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[29] = (acc_ptr[29] * red_ptr[2]);
    for (int j_59 = 0; j_59 < 32; ++j_59) {
      red_ptr[4] = exp2f((ss_ptr[(j_59 + 928)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[29] = (acc_ptr[29] + (red_ptr[4] * ((float)vs_ptr[((j_59 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[29] = ((l_ptr[29] * red_ptr[2]) + red_ptr[3]);
    m_ptr[29] = red_ptr[0];
    red_ptr[0] = m_ptr[30];
    for (int j_60 = 0; j_60 < 32; ++j_60) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_60 + 960)]);
    }
    float condval_37;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_37 = red_ptr[0];
    }
    red_ptr[1] = condval_37;
    red_ptr[2] = exp2f((m_ptr[30] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[30] = (acc_ptr[30] * red_ptr[2]);
    for (int j_61 = 0; j_61 < 32; ++j_61) {
      red_ptr[4] = exp2f((ss_ptr[(j_61 + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[30] = (acc_ptr[30] + (red_ptr[4] * ((float)vs_ptr[((j_61 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[30] = ((l_ptr[30] * red_ptr[2]) + red_ptr[3]);
    m_ptr[30] = red_ptr[0];
    red_ptr[0] = m_ptr[31];
    for (int j_62 = 0; j_62 < 32; ++j_62) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_62 + 992)]);
    }
    float condval_38;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_38 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_38 = red_ptr[0];
    }
    red_ptr[1] = condval_38;
    red_ptr[2] = exp2f((m_ptr[31] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[31] = (acc_ptr[31] * red_ptr[2]);
    for (int j_63 = 0; j_63 < 32; ++j_63) {
      red_ptr[4] = exp2f((ss_ptr[(j_63 + 992)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[31] = (acc_ptr[31] + (red_ptr[4] * ((float)vs_ptr[((j_63 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[31] = ((l_ptr[31] * red_ptr[2]) + red_ptr[3]);
    m_ptr[31] = red_ptr[0];
  }
  if ((((int)blockIdx.x) * 32) < iv_ptr[13]) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_39 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * Hq) * 4096) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_39);
    if (((int)threadIdx.x) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_40 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * Hq) * 32) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_40;
    }
  }
  if (((((int)blockIdx.x) * 32) + 1) < iv_ptr[13]) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_41 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + (Hq * 128)) + ((int)threadIdx.x))] = ((half)condval_41);
    if (((int)threadIdx.x) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_42 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + Hq) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_42;
    }
  }
  if (((((int)blockIdx.x) * 32) + 2) < iv_ptr[13]) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_43 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 256)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_43);
    if (((int)threadIdx.x) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_44 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 2)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_44;
    }
  }
  if (((((int)blockIdx.x) * 32) + 3) < iv_ptr[13]) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_45 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 384)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_45);
    if (((int)threadIdx.x) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_46 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 3)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_46;
    }
  }
  if (((((int)blockIdx.x) * 32) + 4) < iv_ptr[13]) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_47 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 512)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_47);
    if (((int)threadIdx.x) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_48 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 4)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_48;
    }
  }
  if (((((int)blockIdx.x) * 32) + 5) < iv_ptr[13]) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_49 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 640)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_49);
    if (((int)threadIdx.x) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_50 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 5)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_50;
    }
  }
  if (((((int)blockIdx.x) * 32) + 6) < iv_ptr[13]) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_51 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 768)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_51);
    if (((int)threadIdx.x) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_52 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 6)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_52;
    }
  }
  if (((((int)blockIdx.x) * 32) + 7) < iv_ptr[13]) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_53 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 896)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_53);
    if (((int)threadIdx.x) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_54 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 7)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_54;
    }
  }
  if (((((int)blockIdx.x) * 32) + 8) < iv_ptr[13]) {
    float condval_55;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_55 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_55 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1024)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_55);
    if (((int)threadIdx.x) == 0) {
      float condval_56;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_56 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_56 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 8)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_56;
    }
  }
  if (((((int)blockIdx.x) * 32) + 9) < iv_ptr[13]) {
    float condval_57;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_57 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_57 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1152)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_57);
    if (((int)threadIdx.x) == 0) {
      float condval_58;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_58 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_58 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 9)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_58;
    }
  }
  if (((((int)blockIdx.x) * 32) + 10) < iv_ptr[13]) {
    float condval_59;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_59 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_59 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1280)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_59);
    if (((int)threadIdx.x) == 0) {
      float condval_60;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_60 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_60 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 10)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_60;
    }
  }
  if (((((int)blockIdx.x) * 32) + 11) < iv_ptr[13]) {
    float condval_61;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_61 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_61 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1408)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_61);
    if (((int)threadIdx.x) == 0) {
      float condval_62;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_62 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_62 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 11)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_62;
    }
  }
  if (((((int)blockIdx.x) * 32) + 12) < iv_ptr[13]) {
    float condval_63;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_63 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_63 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1536)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_63);
    if (((int)threadIdx.x) == 0) {
      float condval_64;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_64 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_64 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 12)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_64;
    }
  }
  if (((((int)blockIdx.x) * 32) + 13) < iv_ptr[13]) {
    float condval_65;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_65 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_65 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1664)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_65);
    if (((int)threadIdx.x) == 0) {
      float condval_66;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_66 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_66 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 13)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_66;
    }
  }
  if (((((int)blockIdx.x) * 32) + 14) < iv_ptr[13]) {
    float condval_67;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_67 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_67 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1792)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_67);
    if (((int)threadIdx.x) == 0) {
      float condval_68;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_68 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_68 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 14)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_68;
    }
  }
  if (((((int)blockIdx.x) * 32) + 15) < iv_ptr[13]) {
    float condval_69;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_69 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_69 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1920)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_69);
    if (((int)threadIdx.x) == 0) {
      float condval_70;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_70 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_70 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 15)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_70;
    }
  }
  if (((((int)blockIdx.x) * 32) + 16) < iv_ptr[13]) {
    float condval_71;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
      condval_71 = (acc_ptr[16] / l_ptr[16]);
    } else {
      condval_71 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2048)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_71);
    if (((int)threadIdx.x) == 0) {
      float condval_72;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
        condval_72 = ((m_ptr[16] + log2f(l_ptr[16])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_72 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 16)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_72;
    }
  }
  if (((((int)blockIdx.x) * 32) + 17) < iv_ptr[13]) {
    float condval_73;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
      condval_73 = (acc_ptr[17] / l_ptr[17]);
    } else {
      condval_73 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2176)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_73);
    if (((int)threadIdx.x) == 0) {
      float condval_74;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
        condval_74 = ((m_ptr[17] + log2f(l_ptr[17])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_74 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 17)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_74;
    }
  }
  if (((((int)blockIdx.x) * 32) + 18) < iv_ptr[13]) {
    float condval_75;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
      condval_75 = (acc_ptr[18] / l_ptr[18]);
    } else {
      condval_75 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2304)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_75);
    if (((int)threadIdx.x) == 0) {
      float condval_76;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
        condval_76 = ((m_ptr[18] + log2f(l_ptr[18])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_76 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 18)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_76;
    }
  }
  if (((((int)blockIdx.x) * 32) + 19) < iv_ptr[13]) {
    float condval_77;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
      condval_77 = (acc_ptr[19] / l_ptr[19]);
    } else {
      condval_77 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2432)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_77);
    if (((int)threadIdx.x) == 0) {
      float condval_78;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
        condval_78 = ((m_ptr[19] + log2f(l_ptr[19])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_78 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 19)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_78;
    }
  }
  if (((((int)blockIdx.x) * 32) + 20) < iv_ptr[13]) {
    float condval_79;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
      condval_79 = (acc_ptr[20] / l_ptr[20]);
    } else {
      condval_79 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2560)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_79);
    if (((int)threadIdx.x) == 0) {
      float condval_80;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
        condval_80 = ((m_ptr[20] + log2f(l_ptr[20])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_80 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 20)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_80;
    }
  }
  if (((((int)blockIdx.x) * 32) + 21) < iv_ptr[13]) {
    float condval_81;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
      condval_81 = (acc_ptr[21] / l_ptr[21]);
    } else {
      condval_81 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2688)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_81);
    if (((int)threadIdx.x) == 0) {
      float condval_82;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
        condval_82 = ((m_ptr[21] + log2f(l_ptr[21])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_82 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 21)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_82;
    }
  }
  if (((((int)blockIdx.x) * 32) + 22) < iv_ptr[13]) {
    float condval_83;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
      condval_83 = (acc_ptr[22] / l_ptr[22]);
    } else {
      condval_83 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2816)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_83);
    if (((int)threadIdx.x) == 0) {
      float condval_84;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
        condval_84 = ((m_ptr[22] + log2f(l_ptr[22])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_84 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 22)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_84;
    }
  }
  if (((((int)blockIdx.x) * 32) + 23) < iv_ptr[13]) {
    float condval_85;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
      condval_85 = (acc_ptr[23] / l_ptr[23]);
    } else {
      condval_85 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2944)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_85);
    if (((int)threadIdx.x) == 0) {
      float condval_86;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
        condval_86 = ((m_ptr[23] + log2f(l_ptr[23])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_86 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 23)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_86;
    }
  }
  if (((((int)blockIdx.x) * 32) + 24) < iv_ptr[13]) {
    float condval_87;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
      condval_87 = (acc_ptr[24] / l_ptr[24]);
    } else {
      condval_87 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3072)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_87);
    if (((int)threadIdx.x) == 0) {
      float condval_88;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
        condval_88 = ((m_ptr[24] + log2f(l_ptr[24])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_88 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 24)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_88;
    }
  }
  if (((((int)blockIdx.x) * 32) + 25) < iv_ptr[13]) {
    float condval_89;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
      condval_89 = (acc_ptr[25] / l_ptr[25]);
    } else {
      condval_89 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3200)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_89);
    if (((int)threadIdx.x) == 0) {
      float condval_90;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
        condval_90 = ((m_ptr[25] + log2f(l_ptr[25])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_90 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 25)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_90;
    }
  }
  if (((((int)blockIdx.x) * 32) + 26) < iv_ptr[13]) {
    float condval_91;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
      condval_91 = (acc_ptr[26] / l_ptr[26]);
    } else {
      condval_91 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3328)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_91);
    if (((int)threadIdx.x) == 0) {
      float condval_92;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
        condval_92 = ((m_ptr[26] + log2f(l_ptr[26])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_92 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 26)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_92;
    }
  }
  if (((((int)blockIdx.x) * 32) + 27) < iv_ptr[13]) {
    float condval_93;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
      condval_93 = (acc_ptr[27] / l_ptr[27]);
    } else {
      condval_93 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3456)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_93);
    if (((int)threadIdx.x) == 0) {
      float condval_94;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
        condval_94 = ((m_ptr[27] + log2f(l_ptr[27])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_94 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 27)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_94;
    }
  }
  if (((((int)blockIdx.x) * 32) + 28) < iv_ptr[13]) {
    float condval_95;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
      condval_95 = (acc_ptr[28] / l_ptr[28]);
    } else {
      condval_95 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3584)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_95);
    if (((int)threadIdx.x) == 0) {
      float condval_96;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
        condval_96 = ((m_ptr[28] + log2f(l_ptr[28])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_96 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 28)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_96;
    }
  }
  if (((((int)blockIdx.x) * 32) + 29) < iv_ptr[13]) {
    float condval_97;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
      condval_97 = (acc_ptr[29] / l_ptr[29]);
    } else {
      condval_97 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3712)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_97);
    if (((int)threadIdx.x) == 0) {
      float condval_98;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
        condval_98 = ((m_ptr[29] + log2f(l_ptr[29])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_98 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 29)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_98;
    }
  }
  if (((((int)blockIdx.x) * 32) + 30) < iv_ptr[13]) {
    float condval_99;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
      condval_99 = (acc_ptr[30] / l_ptr[30]);
    } else {
      condval_99 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3840)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_99);
    if (((int)threadIdx.x) == 0) {
      float condval_100;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
        condval_100 = ((m_ptr[30] + log2f(l_ptr[30])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_100 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 30)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_100;
    }
  }
  if (((((int)blockIdx.x) * 32) + 31) < iv_ptr[13]) {
    float condval_101;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
      condval_101 = (acc_ptr[31] / l_ptr[31]);
    } else {
      condval_101 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3968)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_101);
    if (((int)threadIdx.x) == 0) {
      float condval_102;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
        condval_102 = ((m_ptr[31] + log2f(l_ptr[31])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_102 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 31)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_102;
    }
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_merge_fp16_d128_kernel(float* __restrict__ LSE_ptr, half* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS) {
  alignas(64) float red_ptr[4];
  red_ptr[0] = -CUDART_INF_F;
  for (int s = 0; s < NS; ++s) {
    red_ptr[0] = max(red_ptr[0], WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s)]);
  }
  float condval;
  if (red_ptr[0] == -CUDART_INF_F) {
    condval = 0x0p+0f/*0.000000e+00*/;
  } else {
    condval = red_ptr[0];
  }
  red_ptr[1] = condval;
  red_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  for (int s_1 = 0; s_1 < NS; ++s_1) {
    red_ptr[0] = exp2f((WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s_1)] - red_ptr[1]));
    red_ptr[2] = (red_ptr[2] + red_ptr[0]);
    red_ptr[3] = (red_ptr[3] + (red_ptr[0] * WO_ptr[((((s_1 * 128) + (((((int)blockIdx.y) * Hq) * NS) * 128)) + ((((int)blockIdx.x) * NS) * 128)) + ((int)threadIdx.x))]));
  }
  float condval_1;
  if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
    condval_1 = (red_ptr[3] / red_ptr[2]);
  } else {
    condval_1 = 0x0p+0f/*0.000000e+00*/;
  }
  O_ptr[(((((int)blockIdx.x) * 128) + ((((int)blockIdx.y) * Hq) * 128)) + ((int)threadIdx.x))] = ((half)condval_1);
  if (((int)threadIdx.x) == 0) {
    float condval_2;
    if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
      condval_2 = ((red_ptr[1] + log2f(red_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
    } else {
      condval_2 = -CUDART_INF_F;
    }
    LSE_ptr[((((int)blockIdx.y) * Hq) + ((int)blockIdx.x))] = condval_2;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_fp16_d128_g1_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 64) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + (k * 64)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 128; ++k_1) {
      ks_ptr[((k_1 * 64) + ((int)threadIdx.x))] = K_ptr[((((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 64) + ((int)threadIdx.x))] = V_ptr[((((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j_2]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[j_3] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[(((j_3 * 128) + ((int)threadIdx.x)) + 64)])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x)) + 64)] = condval_9;
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d128_g2_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 128) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + NS) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d128_g4_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_11;
  if (((int)threadIdx.x) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + NS) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 3)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_fp16_d128_g8_kernel(half* __restrict__ K_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[1024];
  alignas(64) float acc_ptr[8];
  alignas(64) float m_ptr[8];
  alignas(64) float l_ptr[8];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 8; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 1024) + ((((int)blockIdx.z) * Hk) * 1024)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 64; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 256)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 64; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 64; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 320)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 64; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 64; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 384)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 64; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 64; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 448)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 64; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_13 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_14 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_15 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_16 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + NS) + ((int)blockIdx.x))] = condval_16;
  }
  float condval_17;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_17 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_17 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_17;
  if (((int)threadIdx.x) == 0) {
    float condval_18;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_18 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_18 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((int)blockIdx.x))] = condval_18;
  }
  float condval_19;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_19 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_19 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_19;
  if (((int)threadIdx.x) == 0) {
    float condval_20;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_20 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_20 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 3)) + ((int)blockIdx.x))] = condval_20;
  }
  float condval_21;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
    condval_21 = (acc_ptr[4] / l_ptr[4]);
  } else {
    condval_21 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 512)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_21;
  if (((int)threadIdx.x) == 0) {
    float condval_22;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_22 = (m_ptr[4] + log2f(l_ptr[4]));
    } else {
      condval_22 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((int)blockIdx.x))] = condval_22;
  }
  float condval_23;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
    condval_23 = (acc_ptr[5] / l_ptr[5]);
  } else {
    condval_23 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 640)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_23;
  if (((int)threadIdx.x) == 0) {
    float condval_24;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_24 = (m_ptr[5] + log2f(l_ptr[5]));
    } else {
      condval_24 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 5)) + ((int)blockIdx.x))] = condval_24;
  }
  float condval_25;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
    condval_25 = (acc_ptr[6] / l_ptr[6]);
  } else {
    condval_25 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 768)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_25;
  if (((int)threadIdx.x) == 0) {
    float condval_26;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_26 = (m_ptr[6] + log2f(l_ptr[6]));
    } else {
      condval_26 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((int)blockIdx.x))] = condval_26;
  }
  float condval_27;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
    condval_27 = (acc_ptr[7] / l_ptr[7]);
  } else {
    condval_27 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 896)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_27;
  if (((int)threadIdx.x) == 0) {
    float condval_28;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_28 = (m_ptr[7] + log2f(l_ptr[7]));
    } else {
      condval_28 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 7)) + ((int)blockIdx.x))] = condval_28;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d128_g1_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 64) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + (k * 64)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 128; ++k_1) {
      ks_ptr[((k_1 * 64) + ((int)threadIdx.x))] = K_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 64) + ((int)threadIdx.x))] = V_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j_2]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[j_3] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[(((j_3 * 128) + ((int)threadIdx.x)) + 64)])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x)) + 64)] = condval_9;
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g2_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 128) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + NS) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g4_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_11;
  if (((int)threadIdx.x) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + NS) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 3)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g8_p16_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[1024];
  alignas(64) float acc_ptr[8];
  alignas(64) float m_ptr[8];
  alignas(64) float l_ptr[8];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 8; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 1024) + ((((int)blockIdx.z) * Hk) * 1024)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 64; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 256)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 64; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 64; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 320)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 64; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 64; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 384)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 64; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 64; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 448)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 64; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_13 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_14 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_15 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_16 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + NS) + ((int)blockIdx.x))] = condval_16;
  }
  float condval_17;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_17 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_17 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_17;
  if (((int)threadIdx.x) == 0) {
    float condval_18;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_18 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_18 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((int)blockIdx.x))] = condval_18;
  }
  float condval_19;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_19 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_19 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_19;
  if (((int)threadIdx.x) == 0) {
    float condval_20;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_20 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_20 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 3)) + ((int)blockIdx.x))] = condval_20;
  }
  float condval_21;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
    condval_21 = (acc_ptr[4] / l_ptr[4]);
  } else {
    condval_21 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 512)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_21;
  if (((int)threadIdx.x) == 0) {
    float condval_22;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_22 = (m_ptr[4] + log2f(l_ptr[4]));
    } else {
      condval_22 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((int)blockIdx.x))] = condval_22;
  }
  float condval_23;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
    condval_23 = (acc_ptr[5] / l_ptr[5]);
  } else {
    condval_23 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 640)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_23;
  if (((int)threadIdx.x) == 0) {
    float condval_24;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_24 = (m_ptr[5] + log2f(l_ptr[5]));
    } else {
      condval_24 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 5)) + ((int)blockIdx.x))] = condval_24;
  }
  float condval_25;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
    condval_25 = (acc_ptr[6] / l_ptr[6]);
  } else {
    condval_25 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 768)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_25;
  if (((int)threadIdx.x) == 0) {
    float condval_26;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_26 = (m_ptr[6] + log2f(l_ptr[6]));
    } else {
      condval_26 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((int)blockIdx.x))] = condval_26;
  }
  float condval_27;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
    condval_27 = (acc_ptr[7] / l_ptr[7]);
  } else {
    condval_27 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 896)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_27;
  if (((int)threadIdx.x) == 0) {
    float condval_28;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_28 = (m_ptr[7] + log2f(l_ptr[7]));
    } else {
      condval_28 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 7)) + ((int)blockIdx.x))] = condval_28;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_fp16_d128_g1_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 64) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + (k * 64)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 128; ++k_1) {
      ks_ptr[((k_1 * 64) + ((int)threadIdx.x))] = K_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 64) + ((int)threadIdx.x))] = V_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j_2]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[j_3] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[(((j_3 * 128) + ((int)threadIdx.x)) + 64)])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x)) + 64)] = condval_9;
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g2_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 128) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + NS) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g4_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_11;
  if (((int)threadIdx.x) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + NS) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 3)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_fp16_d128_g8_p32_kernel(int* __restrict__ BT_ptr, half* __restrict__ K_ptr, int* __restrict__ KVL_ptr, half* __restrict__ Q_ptr, float* __restrict__ SL_ptr, half* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[1024];
  alignas(64) float acc_ptr[8];
  alignas(64) float m_ptr[8];
  alignas(64) float l_ptr[8];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) half ks_ptr[8192];
  __shared__ alignas(64) half vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 8; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 1024) + ((((int)blockIdx.z) * Hk) * 1024)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 64; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 256)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 64; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 64; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 320)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 64; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 64; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 384)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 64; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 64; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 448)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 64; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_13 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_14 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_15 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_16 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + NS) + ((int)blockIdx.x))] = condval_16;
  }
  float condval_17;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_17 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_17 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_17;
  if (((int)threadIdx.x) == 0) {
    float condval_18;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_18 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_18 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((int)blockIdx.x))] = condval_18;
  }
  float condval_19;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_19 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_19 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_19;
  if (((int)threadIdx.x) == 0) {
    float condval_20;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_20 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_20 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 3)) + ((int)blockIdx.x))] = condval_20;
  }
  float condval_21;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
    condval_21 = (acc_ptr[4] / l_ptr[4]);
  } else {
    condval_21 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 512)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_21;
  if (((int)threadIdx.x) == 0) {
    float condval_22;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_22 = (m_ptr[4] + log2f(l_ptr[4]));
    } else {
      condval_22 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((int)blockIdx.x))] = condval_22;
  }
  float condval_23;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
    condval_23 = (acc_ptr[5] / l_ptr[5]);
  } else {
    condval_23 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 640)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_23;
  if (((int)threadIdx.x) == 0) {
    float condval_24;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_24 = (m_ptr[5] + log2f(l_ptr[5]));
    } else {
      condval_24 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 5)) + ((int)blockIdx.x))] = condval_24;
  }
  float condval_25;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
    condval_25 = (acc_ptr[6] / l_ptr[6]);
  } else {
    condval_25 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 768)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_25;
  if (((int)threadIdx.x) == 0) {
    float condval_26;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_26 = (m_ptr[6] + log2f(l_ptr[6]));
    } else {
      condval_26 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((int)blockIdx.x))] = condval_26;
  }
  float condval_27;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
    condval_27 = (acc_ptr[7] / l_ptr[7]);
  } else {
    condval_27 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 896)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_27;
  if (((int)threadIdx.x) == 0) {
    float condval_28;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_28 = (m_ptr[7] + log2f(l_ptr[7]));
    } else {
      condval_28 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 7)) + ((int)blockIdx.x))] = condval_28;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_bf16_d64_kernel(nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[2048];
  alignas(64) float acc_ptr[16];
  alignas(64) float m_ptr[16];
  alignas(64) float l_ptr[16];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[2048];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[2048];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  for (int k = 0; k < 16; ++k) {
    float condval;
    if ((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)) < S) {
      condval = (((float)Q_ptr[(((min((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)), (S - 1)) * 64) + ((((((int)blockIdx.z) * Hq) + ((int)blockIdx.y)) * S) * 64)) + (((int)threadIdx.x) & 63))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, L), 0);
  iv_ptr[1] = max(min(sinks, L), 0);
  iv_ptr[10] = max(min(L, ((((((int)blockIdx.x) * 32) + L) + 32) - S)), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + L) + 1) - S) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = L;
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < S) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 16; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (L - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1))) * L) * 64)) + (((int)threadIdx.x) & 63))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (L - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1))) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 5) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 64) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < L) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S)) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + S) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - L) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_2) + 64)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_3) + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_4) + 128)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_5) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_6) + 192)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_7) + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_8) + 256)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_9) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_10) + 320)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_11) + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_12) + 384)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_13) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_14) + 448)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_15) + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_16) + 512)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_17) + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_18) + 576)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_19) + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_20) + 640)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_21) + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_22) + 704)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_23) + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_24) + 768)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_25) + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_26) + 832)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_27) + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_28) + 896)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_29) + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_30) + 960)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_31) + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
  }
  if (((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) < S) {
    float condval_23;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_23 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_23);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_24;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_24 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_24 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S))] = condval_24;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 2) < S) {
    float condval_25;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_25 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 128)] = ((nv_bfloat16)condval_25);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_26;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_26 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_26 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 2)] = condval_26;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 4) < S) {
    float condval_27;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_27 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 256)] = ((nv_bfloat16)condval_27);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_28;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_28 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_28 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 4)] = condval_28;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 6) < S) {
    float condval_29;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_29 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 384)] = ((nv_bfloat16)condval_29);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_30;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_30 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_30 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 6)] = condval_30;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 8) < S) {
    float condval_31;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_31 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 512)] = ((nv_bfloat16)condval_31);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_32;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_32 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_32 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 8)] = condval_32;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 10) < S) {
    float condval_33;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_33 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 640)] = ((nv_bfloat16)condval_33);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_34;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_34 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_34 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 10)] = condval_34;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 12) < S) {
    float condval_35;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_35 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 768)] = ((nv_bfloat16)condval_35);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_36;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_36 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_36 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 12)] = condval_36;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 14) < S) {
    float condval_37;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_37 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 896)] = ((nv_bfloat16)condval_37);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_38;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_38 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_38 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 14)] = condval_38;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 16) < S) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_39 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1024)] = ((nv_bfloat16)condval_39);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_40 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 16)] = condval_40;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 18) < S) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_41 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1152)] = ((nv_bfloat16)condval_41);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_42 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 18)] = condval_42;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 20) < S) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_43 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1280)] = ((nv_bfloat16)condval_43);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_44 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 20)] = condval_44;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 22) < S) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_45 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1408)] = ((nv_bfloat16)condval_45);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_46 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 22)] = condval_46;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 24) < S) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_47 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1536)] = ((nv_bfloat16)condval_47);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_48 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 24)] = condval_48;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 26) < S) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_49 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1664)] = ((nv_bfloat16)condval_49);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_50 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 26)] = condval_50;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 28) < S) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_51 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1792)] = ((nv_bfloat16)condval_51);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_52 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 28)] = condval_52;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 30) < S) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_53 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 2048) + (((((int)blockIdx.z) * Hq) * S) * 64)) + ((((int)blockIdx.y) * S) * 64)) + ((int)threadIdx.x)) + 1920)] = ((nv_bfloat16)condval_53);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_54 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 30)] = condval_54;
    }
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_bf16_d64_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window) {
  alignas(64) int iv_ptr[15];
  __shared__ alignas(64) float qs_ptr[2048];
  alignas(64) float acc_ptr[16];
  alignas(64) float m_ptr[16];
  alignas(64) float l_ptr[16];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[2048];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[2048];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  iv_ptr[11] = CUQ_ptr[((int)blockIdx.z)];
  iv_ptr[13] = (CUQ_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[11]);
  iv_ptr[12] = CUK_ptr[((int)blockIdx.z)];
  iv_ptr[14] = (CUK_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[12]);
  for (int k = 0; k < 16; ++k) {
    float condval;
    if ((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)) < iv_ptr[13]) {
      condval = (((float)Q_ptr[((((min(((((((int)blockIdx.x) * 32) + (k * 2)) + (((int)threadIdx.x) >> 6)) + iv_ptr[11]), (TQ - 1)) * Hq) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, iv_ptr[14]), 0);
  iv_ptr[1] = max(min(sinks, iv_ptr[14]), 0);
  iv_ptr[10] = max(min(iv_ptr[14], ((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 32) - iv_ptr[13])), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 1) - iv_ptr[13]) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = iv_ptr[14];
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < iv_ptr[13]) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 16; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 64) + (((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1)) * 64)) + (((int)threadIdx.x) & 63))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[7]), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 64) + (((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1)) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 5) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 64) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[14]) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13])) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + iv_ptr[13]) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - iv_ptr[14]) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 32) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_2) + 64)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_3) + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_4) + 128)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_5) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_6) + 192)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_7) + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_8) + 256)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_9) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_10) + 320)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_11) + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_12) + 384)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_13) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_14) + 448)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_15) + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_16) + 512)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_17) + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_18) + 576)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_19) + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_20) + 640)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_21) + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_22) + 704)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_23) + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_24) + 768)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_25) + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_26) + 832)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_27) + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_28) + 896)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_29) + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_30) + 960)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 32) + j_31) + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
  }
  if (((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) < iv_ptr[13]) {
    float condval_23;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_23 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 2048) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_23);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_24;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_24 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_24 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_24;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 2) < iv_ptr[13]) {
    float condval_25;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_25 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 128)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_25);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_26;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_26 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_26 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 2)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_26;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 4) < iv_ptr[13]) {
    float condval_27;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_27 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 256)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_27);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_28;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_28 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_28 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 4)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_28;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 6) < iv_ptr[13]) {
    float condval_29;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_29 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 384)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_29);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_30;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_30 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_30 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 6)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_30;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 8) < iv_ptr[13]) {
    float condval_31;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_31 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 512)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_31);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_32;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_32 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_32 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 8)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_32;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 10) < iv_ptr[13]) {
    float condval_33;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_33 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 640)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_33);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_34;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_34 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_34 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 10)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_34;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 12) < iv_ptr[13]) {
    float condval_35;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_35 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 768)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_35);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_36;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_36 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_36 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 12)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_36;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 14) < iv_ptr[13]) {
    float condval_37;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_37 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 896)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_37);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_38;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_38 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_38 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 14)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_38;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 16) < iv_ptr[13]) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_39 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1024)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_39);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_40 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 16)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_40;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 18) < iv_ptr[13]) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_41 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1152)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_41);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_42 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 18)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_42;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 20) < iv_ptr[13]) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_43 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1280)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_43);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_44 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 20)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_44;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 22) < iv_ptr[13]) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_45 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1408)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_45);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_46 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 22)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_46;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 24) < iv_ptr[13]) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_47 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1536)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_47);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_48 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 24)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_48;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 26) < iv_ptr[13]) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_49 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1664)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_49);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_50 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 26)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_50;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 28) < iv_ptr[13]) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_51 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1792)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_51);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_52 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 28)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_52;
    }
  }
  if ((((((int)blockIdx.x) * 32) + (((int)threadIdx.x) >> 6)) + 30) < iv_ptr[13]) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_53 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((((int)blockIdx.x) * Hq) * 2048) + (Hq * 1920)) + (((int)blockIdx.y) * 64)) + ((iv_ptr[11] * Hq) * 64)) + (((((int)threadIdx.x) >> 6) * Hq) * 64)) + (((int)threadIdx.x) & 63))] = ((nv_bfloat16)condval_53);
    if ((((int)threadIdx.x) % 64) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_54 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[((((((((int)blockIdx.x) * Hq) * 32) + (Hq * 30)) + ((((int)threadIdx.x) >> 6) * Hq)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_54;
    }
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_merge_bf16_d64_kernel(float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS) {
  alignas(64) float red_ptr[4];
  red_ptr[0] = -CUDART_INF_F;
  for (int s = 0; s < NS; ++s) {
    red_ptr[0] = max(red_ptr[0], WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s)]);
  }
  float condval;
  if (red_ptr[0] == -CUDART_INF_F) {
    condval = 0x0p+0f/*0.000000e+00*/;
  } else {
    condval = red_ptr[0];
  }
  red_ptr[1] = condval;
  red_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  for (int s_1 = 0; s_1 < NS; ++s_1) {
    red_ptr[0] = exp2f((WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s_1)] - red_ptr[1]));
    red_ptr[2] = (red_ptr[2] + red_ptr[0]);
    red_ptr[3] = (red_ptr[3] + (red_ptr[0] * WO_ptr[((((s_1 * 64) + (((((int)blockIdx.y) * Hq) * NS) * 64)) + ((((int)blockIdx.x) * NS) * 64)) + ((int)threadIdx.x))]));
  }
  float condval_1;
  if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
    condval_1 = (red_ptr[3] / red_ptr[2]);
  } else {
    condval_1 = 0x0p+0f/*0.000000e+00*/;
  }
  O_ptr[(((((int)blockIdx.x) * 64) + ((((int)blockIdx.y) * Hq) * 64)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_1);
  if (((int)threadIdx.x) == 0) {
    float condval_2;
    if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
      condval_2 = ((red_ptr[1] + log2f(red_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
    } else {
      condval_2 = -CUDART_INF_F;
    }
    LSE_ptr[((((int)blockIdx.y) * Hq) + ((int)blockIdx.x))] = condval_2;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_bf16_d64_g1_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[64];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 64) + ((((int)blockIdx.z) * Hk) * 64)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 64; ++k) {
      ks_ptr[((k * 64) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k * 64) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 64) + (((((int)blockIdx.z) * Hk) * NS) * 64)) + ((((int)blockIdx.y) * NS) * 64)) + ((int)threadIdx.x))] = condval_6;
  if (((int)threadIdx.x) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d64_g2_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 32; ++k) {
      ks_ptr[((k * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 64) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 128) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_6;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d64_g4_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_7;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d64_g8_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) * 64) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_4) + 256)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_5) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_6) + 384)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_7) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_11;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_13;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_15;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d64_g1_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[64];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 64) + ((((int)blockIdx.z) * Hk) * 64)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 64; ++k) {
      ks_ptr[((k * 64) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k * 64) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 64) + (((((int)blockIdx.z) * Hk) * NS) * 64)) + ((((int)blockIdx.y) * NS) * 64)) + ((int)threadIdx.x))] = condval_6;
  if (((int)threadIdx.x) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g2_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 32; ++k) {
      ks_ptr[((k * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 64) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 128) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_6;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g4_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_7;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g8_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_4) + 256)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_5) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_6) + 384)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_7) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_11;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_13;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_15;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d64_g1_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[64];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 64) + ((((int)blockIdx.z) * Hk) * 64)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 64; ++k) {
      ks_ptr[((k * 64) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k * 64) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 64) + (((((int)blockIdx.z) * Hk) * NS) * 64)) + ((((int)blockIdx.y) * NS) * 64)) + ((int)threadIdx.x))] = condval_6;
  if (((int)threadIdx.x) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g2_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[1];
  alignas(64) float m_ptr[1];
  alignas(64) float l_ptr[1];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  qs_ptr[((int)threadIdx.x)] = (((float)Q_ptr[(((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + ((int)threadIdx.x))]) * qscale);
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k = 0; k < 32; ++k) {
      ks_ptr[((k * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 64; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 64) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
  }
  float condval_6;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_6 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_6 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 128) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_6;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_7;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_7 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_7 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_7;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g4_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_7;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d64_g8_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((((k_1 * 2) + (((int)threadIdx.x) >> 6)) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 64) + (((int)blockIdx.y) * 64)) + (((int)threadIdx.x) & 63))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 64; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 128) + ((((int)threadIdx.x) >> 6) * 64)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 64) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j)]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[(((((int)threadIdx.x) >> 6) * 64) + j_1)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_2) + 128)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_3) + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_4) + 256)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_5) + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_6) + 384)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[((((((int)threadIdx.x) >> 6) * 64) + j_7) + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 64) + (((int)threadIdx.x) & 63))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_9;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 128)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_11;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_13;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 64)) + (((((int)threadIdx.x) >> 6) * NS) * 64)) + (((int)threadIdx.x) & 63))] = condval_15;
  if ((((int)threadIdx.x) % 64) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((((int)threadIdx.x) >> 6) * NS)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_prefill_bf16_d128_kernel(nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int L, int S, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[4096];
  alignas(64) float acc_ptr[32];
  alignas(64) float m_ptr[32];
  alignas(64) float l_ptr[32];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  for (int k = 0; k < 32; ++k) {
    float condval;
    if (((((int)blockIdx.x) * 32) + k) < S) {
      condval = (((float)Q_ptr[(((min(((((int)blockIdx.x) * 32) + k), (S - 1)) * 128) + ((((((int)blockIdx.z) * Hq) + ((int)blockIdx.y)) * S) * 128)) + ((int)threadIdx.x))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[16] = -CUDART_INF_F;
  l_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[17] = -CUDART_INF_F;
  l_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[18] = -CUDART_INF_F;
  l_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[19] = -CUDART_INF_F;
  l_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[20] = -CUDART_INF_F;
  l_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[21] = -CUDART_INF_F;
  l_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[22] = -CUDART_INF_F;
  l_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[23] = -CUDART_INF_F;
  l_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[24] = -CUDART_INF_F;
  l_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[25] = -CUDART_INF_F;
  l_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[26] = -CUDART_INF_F;
  l_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[27] = -CUDART_INF_F;
  l_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[28] = -CUDART_INF_F;
  l_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[29] = -CUDART_INF_F;
  l_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[30] = -CUDART_INF_F;
  l_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[31] = -CUDART_INF_F;
  l_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, L), 0);
  iv_ptr[1] = max(min(sinks, L), 0);
  iv_ptr[10] = max(min(L, ((((((int)blockIdx.x) * 32) + L) + 32) - S)), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + L) + 1) - S) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = L;
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < S) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[7] + k_1), (L - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1))) * L) * 128)) + ((int)threadIdx.x))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[7] + k_1), (L - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1))) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 512) + ((((int)threadIdx.x) >> 5) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 128) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < L) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S)) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + L) - S) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + S) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - L) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 32)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 32)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 64)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 96)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 96)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 128)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 160)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 160)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 192)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 224)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 224)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_16 + 256)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[(j_17 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_18 + 288)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[(j_19 + 288)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_20 + 320)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[(j_21 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_22 + 352)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[(j_23 + 352)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_24 + 384)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[(j_25 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_26 + 416)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[(j_27 + 416)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_28 + 448)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[(j_29 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_30 + 480)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[(j_31 + 480)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
    red_ptr[0] = m_ptr[16];
    for (int j_32 = 0; j_32 < 32; ++j_32) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_32 + 512)]);
    }
    float condval_23;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_23 = red_ptr[0];
    }
    red_ptr[1] = condval_23;
    red_ptr[2] = exp2f((m_ptr[16] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[16] = (acc_ptr[16] * red_ptr[2]);
    for (int j_33 = 0; j_33 < 32; ++j_33) {
      red_ptr[4] = exp2f((ss_ptr[(j_33 + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[16] = (acc_ptr[16] + (red_ptr[4] * ((float)vs_ptr[((j_33 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[16] = ((l_ptr[16] * red_ptr[2]) + red_ptr[3]);
    m_ptr[16] = red_ptr[0];
    red_ptr[0] = m_ptr[17];
    for (int j_34 = 0; j_34 < 32; ++j_34) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_34 + 544)]);
    }
    float condval_24;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_24 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_24 = red_ptr[0];
    }
    red_ptr[1] = condval_24;
    red_ptr[2] = exp2f((m_ptr[17] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[17] = (acc_ptr[17] * red_ptr[2]);
    for (int j_35 = 0; j_35 < 32; ++j_35) {
      red_ptr[4] = exp2f((ss_ptr[(j_35 + 544)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[17] = (acc_ptr[17] + (red_ptr[4] * ((float)vs_ptr[((j_35 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[17] = ((l_ptr[17] * red_ptr[2]) + red_ptr[3]);
    m_ptr[17] = red_ptr[0];
    red_ptr[0] = m_ptr[18];
    for (int j_36 = 0; j_36 < 32; ++j_36) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_36 + 576)]);
    }
    float condval_25;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_25 = red_ptr[0];
    }
    red_ptr[1] = condval_25;
    red_ptr[2] = exp2f((m_ptr[18] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[18] = (acc_ptr[18] * red_ptr[2]);
    for (int j_37 = 0; j_37 < 32; ++j_37) {
      red_ptr[4] = exp2f((ss_ptr[(j_37 + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[18] = (acc_ptr[18] + (red_ptr[4] * ((float)vs_ptr[((j_37 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[18] = ((l_ptr[18] * red_ptr[2]) + red_ptr[3]);
    m_ptr[18] = red_ptr[0];
    red_ptr[0] = m_ptr[19];
    for (int j_38 = 0; j_38 < 32; ++j_38) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_38 + 608)]);
    }
    float condval_26;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_26 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_26 = red_ptr[0];
    }
    red_ptr[1] = condval_26;
    red_ptr[2] = exp2f((m_ptr[19] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[19] = (acc_ptr[19] * red_ptr[2]);
    for (int j_39 = 0; j_39 < 32; ++j_39) {
      red_ptr[4] = exp2f((ss_ptr[(j_39 + 608)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[19] = (acc_ptr[19] + (red_ptr[4] * ((float)vs_ptr[((j_39 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[19] = ((l_ptr[19] * red_ptr[2]) + red_ptr[3]);
    m_ptr[19] = red_ptr[0];
    red_ptr[0] = m_ptr[20];
    for (int j_40 = 0; j_40 < 32; ++j_40) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_40 + 640)]);
    }
    float condval_27;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_27 = red_ptr[0];
    }
    red_ptr[1] = condval_27;
    red_ptr[2] = exp2f((m_ptr[20] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[20] = (acc_ptr[20] * red_ptr[2]);
    for (int j_41 = 0; j_41 < 32; ++j_41) {
      red_ptr[4] = exp2f((ss_ptr[(j_41 + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[20] = (acc_ptr[20] + (red_ptr[4] * ((float)vs_ptr[((j_41 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[20] = ((l_ptr[20] * red_ptr[2]) + red_ptr[3]);
    m_ptr[20] = red_ptr[0];
    red_ptr[0] = m_ptr[21];
    for (int j_42 = 0; j_42 < 32; ++j_42) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_42 + 672)]);
    }
    float condval_28;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_28 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_28 = red_ptr[0];
    }
    red_ptr[1] = condval_28;
    red_ptr[2] = exp2f((m_ptr[21] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[21] = (acc_ptr[21] * red_ptr[2]);
    for (int j_43 = 0; j_43 < 32; ++j_43) {
      red_ptr[4] = exp2f((ss_ptr[(j_43 + 672)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[21] = (acc_ptr[21] + (red_ptr[4] * ((float)vs_ptr[((j_43 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[21] = ((l_ptr[21] * red_ptr[2]) + red_ptr[3]);
    m_ptr[21] = red_ptr[0];
    red_ptr[0] = m_ptr[22];
    for (int j_44 = 0; j_44 < 32; ++j_44) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_44 + 704)]);
    }
    float condval_29;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_29 = red_ptr[0];
    }
    red_ptr[1] = condval_29;
    red_ptr[2] = exp2f((m_ptr[22] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[22] = (acc_ptr[22] * red_ptr[2]);
    for (int j_45 = 0; j_45 < 32; ++j_45) {
      red_ptr[4] = exp2f((ss_ptr[(j_45 + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[22] = (acc_ptr[22] + (red_ptr[4] * ((float)vs_ptr[((j_45 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[22] = ((l_ptr[22] * red_ptr[2]) + red_ptr[3]);
    m_ptr[22] = red_ptr[0];
    red_ptr[0] = m_ptr[23];
    for (int j_46 = 0; j_46 < 32; ++j_46) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_46 + 736)]);
    }
    float condval_30;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_30 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_30 = red_ptr[0];
    }
    red_ptr[1] = condval_30;
    red_ptr[2] = exp2f((m_ptr[23] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[23] = (acc_ptr[23] * red_ptr[2]);
    for (int j_47 = 0; j_47 < 32; ++j_47) {
      red_ptr[4] = exp2f((ss_ptr[(j_47 + 736)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[23] = (acc_ptr[23] + (red_ptr[4] * ((float)vs_ptr[((j_47 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[23] = ((l_ptr[23] * red_ptr[2]) + red_ptr[3]);
    m_ptr[23] = red_ptr[0];
    red_ptr[0] = m_ptr[24];
    for (int j_48 = 0; j_48 < 32; ++j_48) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_48 + 768)]);
    }
    float condval_31;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_31 = red_ptr[0];
    }
    red_ptr[1] = condval_31;
    red_ptr[2] = exp2f((m_ptr[24] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[24] = (acc_ptr[24] * red_ptr[2]);
    for (int j_49 = 0; j_49 < 32; ++j_49) {
      red_ptr[4] = exp2f((ss_ptr[(j_49 + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[24] = (acc_ptr[24] + (red_ptr[4] * ((float)vs_ptr[((j_49 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[24] = ((l_ptr[24] * red_ptr[2]) + red_ptr[3]);
    m_ptr[24] = red_ptr[0];
    red_ptr[0] = m_ptr[25];
    for (int j_50 = 0; j_50 < 32; ++j_50) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_50 + 800)]);
    }
    float condval_32;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_32 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_32 = red_ptr[0];
    }
    red_ptr[1] = condval_32;
    red_ptr[2] = exp2f((m_ptr[25] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[25] = (acc_ptr[25] * red_ptr[2]);
    for (int j_51 = 0; j_51 < 32; ++j_51) {
      red_ptr[4] = exp2f((ss_ptr[(j_51 + 800)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[25] = (acc_ptr[25] + (red_ptr[4] * ((float)vs_ptr[((j_51 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[25] = ((l_ptr[25] * red_ptr[2]) + red_ptr[3]);
    m_ptr[25] = red_ptr[0];
    red_ptr[0] = m_ptr[26];
    for (int j_52 = 0; j_52 < 32; ++j_52) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_52 + 832)]);
    }
    float condval_33;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_33 = red_ptr[0];
    }
    red_ptr[1] = condval_33;
    red_ptr[2] = exp2f((m_ptr[26] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[26] = (acc_ptr[26] * red_ptr[2]);
    for (int j_53 = 0; j_53 < 32; ++j_53) {
      red_ptr[4] = exp2f((ss_ptr[(j_53 + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[26] = (acc_ptr[26] + (red_ptr[4] * ((float)vs_ptr[((j_53 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[26] = ((l_ptr[26] * red_ptr[2]) + red_ptr[3]);
    m_ptr[26] = red_ptr[0];
    red_ptr[0] = m_ptr[27];
    for (int j_54 = 0; j_54 < 32; ++j_54) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_54 + 864)]);
    }
    float condval_34;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_34 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_34 = red_ptr[0];
    }
    red_ptr[1] = condval_34;
    red_ptr[2] = exp2f((m_ptr[27] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[27] = (acc_ptr[27] * red_ptr[2]);
    for (int j_55 = 0; j_55 < 32; ++j_55) {
      red_ptr[4] = exp2f((ss_ptr[(j_55 + 864)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[27] = (acc_ptr[27] + (red_ptr[4] * ((float)vs_ptr[((j_55 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[27] = ((l_ptr[27] * red_ptr[2]) + red_ptr[3]);
    m_ptr[27] = red_ptr[0];
    red_ptr[0] = m_ptr[28];
    for (int j_56 = 0; j_56 < 32; ++j_56) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_56 + 896)]);
    }
    float condval_35;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_35 = red_ptr[0];
    }
    red_ptr[1] = condval_35;
    red_ptr[2] = exp2f((m_ptr[28] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[28] = (acc_ptr[28] * red_ptr[2]);
    for (int j_57 = 0; j_57 < 32; ++j_57) {
      red_ptr[4] = exp2f((ss_ptr[(j_57 + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[28] = (acc_ptr[28] + (red_ptr[4] * ((float)vs_ptr[((j_57 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[28] = ((l_ptr[28] * red_ptr[2]) + red_ptr[3]);
    m_ptr[28] = red_ptr[0];
    red_ptr[0] = m_ptr[29];
    for (int j_58 = 0; j_58 < 32; ++j_58) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_58 + 928)]);
    }
    float condval_36;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_36 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_36 = red_ptr[0];
    }
    red_ptr[1] = condval_36;
    red_ptr[2] = exp2f((m_ptr[29] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[29] = (acc_ptr[29] * red_ptr[2]);
    for (int j_59 = 0; j_59 < 32; ++j_59) {
      red_ptr[4] = exp2f((ss_ptr[(j_59 + 928)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[29] = (acc_ptr[29] + (red_ptr[4] * ((float)vs_ptr[((j_59 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[29] = ((l_ptr[29] * red_ptr[2]) + red_ptr[3]);
    m_ptr[29] = red_ptr[0];
    red_ptr[0] = m_ptr[30];
    for (int j_60 = 0; j_60 < 32; ++j_60) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_60 + 960)]);
    }
    float condval_37;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_37 = red_ptr[0];
    }
    red_ptr[1] = condval_37;
    red_ptr[2] = exp2f((m_ptr[30] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[30] = (acc_ptr[30] * red_ptr[2]);
    for (int j_61 = 0; j_61 < 32; ++j_61) {
      red_ptr[4] = exp2f((ss_ptr[(j_61 + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[30] = (acc_ptr[30] + (red_ptr[4] * ((float)vs_ptr[((j_61 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[30] = ((l_ptr[30] * red_ptr[2]) + red_ptr[3]);
    m_ptr[30] = red_ptr[0];
    red_ptr[0] = m_ptr[31];
    for (int j_62 = 0; j_62 < 32; ++j_62) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_62 + 992)]);
    }
    float condval_38;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_38 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_38 = red_ptr[0];
    }
    red_ptr[1] = condval_38;
    red_ptr[2] = exp2f((m_ptr[31] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[31] = (acc_ptr[31] * red_ptr[2]);
    for (int j_63 = 0; j_63 < 32; ++j_63) {
      red_ptr[4] = exp2f((ss_ptr[(j_63 + 992)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[31] = (acc_ptr[31] + (red_ptr[4] * ((float)vs_ptr[((j_63 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[31] = ((l_ptr[31] * red_ptr[2]) + red_ptr[3]);
    m_ptr[31] = red_ptr[0];
  }
  if ((((int)blockIdx.x) * 32) < S) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_39 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_39);
    if (((int)threadIdx.x) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_40 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[(((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S))] = condval_40;
    }
  }
  if (((((int)blockIdx.x) * 32) + 1) < S) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_41 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 128)] = ((nv_bfloat16)condval_41);
    if (((int)threadIdx.x) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_42 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 1)] = condval_42;
    }
  }
  if (((((int)blockIdx.x) * 32) + 2) < S) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_43 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 256)] = ((nv_bfloat16)condval_43);
    if (((int)threadIdx.x) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_44 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 2)] = condval_44;
    }
  }
  if (((((int)blockIdx.x) * 32) + 3) < S) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_45 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 384)] = ((nv_bfloat16)condval_45);
    if (((int)threadIdx.x) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_46 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 3)] = condval_46;
    }
  }
  if (((((int)blockIdx.x) * 32) + 4) < S) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_47 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 512)] = ((nv_bfloat16)condval_47);
    if (((int)threadIdx.x) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_48 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 4)] = condval_48;
    }
  }
  if (((((int)blockIdx.x) * 32) + 5) < S) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_49 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 640)] = ((nv_bfloat16)condval_49);
    if (((int)threadIdx.x) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_50 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 5)] = condval_50;
    }
  }
  if (((((int)blockIdx.x) * 32) + 6) < S) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_51 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 768)] = ((nv_bfloat16)condval_51);
    if (((int)threadIdx.x) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_52 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 6)] = condval_52;
    }
  }
  if (((((int)blockIdx.x) * 32) + 7) < S) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_53 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 896)] = ((nv_bfloat16)condval_53);
    if (((int)threadIdx.x) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_54 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 7)] = condval_54;
    }
  }
  if (((((int)blockIdx.x) * 32) + 8) < S) {
    float condval_55;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_55 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_55 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1024)] = ((nv_bfloat16)condval_55);
    if (((int)threadIdx.x) == 0) {
      float condval_56;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_56 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_56 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 8)] = condval_56;
    }
  }
  if (((((int)blockIdx.x) * 32) + 9) < S) {
    float condval_57;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_57 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_57 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1152)] = ((nv_bfloat16)condval_57);
    if (((int)threadIdx.x) == 0) {
      float condval_58;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_58 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_58 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 9)] = condval_58;
    }
  }
  if (((((int)blockIdx.x) * 32) + 10) < S) {
    float condval_59;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_59 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_59 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1280)] = ((nv_bfloat16)condval_59);
    if (((int)threadIdx.x) == 0) {
      float condval_60;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_60 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_60 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 10)] = condval_60;
    }
  }
  if (((((int)blockIdx.x) * 32) + 11) < S) {
    float condval_61;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_61 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_61 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1408)] = ((nv_bfloat16)condval_61);
    if (((int)threadIdx.x) == 0) {
      float condval_62;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_62 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_62 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 11)] = condval_62;
    }
  }
  if (((((int)blockIdx.x) * 32) + 12) < S) {
    float condval_63;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_63 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_63 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1536)] = ((nv_bfloat16)condval_63);
    if (((int)threadIdx.x) == 0) {
      float condval_64;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_64 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_64 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 12)] = condval_64;
    }
  }
  if (((((int)blockIdx.x) * 32) + 13) < S) {
    float condval_65;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_65 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_65 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1664)] = ((nv_bfloat16)condval_65);
    if (((int)threadIdx.x) == 0) {
      float condval_66;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_66 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_66 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 13)] = condval_66;
    }
  }
  if (((((int)blockIdx.x) * 32) + 14) < S) {
    float condval_67;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_67 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_67 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1792)] = ((nv_bfloat16)condval_67);
    if (((int)threadIdx.x) == 0) {
      float condval_68;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_68 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_68 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 14)] = condval_68;
    }
  }
  if (((((int)blockIdx.x) * 32) + 15) < S) {
    float condval_69;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_69 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_69 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 1920)] = ((nv_bfloat16)condval_69);
    if (((int)threadIdx.x) == 0) {
      float condval_70;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_70 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_70 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 15)] = condval_70;
    }
  }
  if (((((int)blockIdx.x) * 32) + 16) < S) {
    float condval_71;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
      condval_71 = (acc_ptr[16] / l_ptr[16]);
    } else {
      condval_71 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2048)] = ((nv_bfloat16)condval_71);
    if (((int)threadIdx.x) == 0) {
      float condval_72;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
        condval_72 = ((m_ptr[16] + log2f(l_ptr[16])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_72 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 16)] = condval_72;
    }
  }
  if (((((int)blockIdx.x) * 32) + 17) < S) {
    float condval_73;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
      condval_73 = (acc_ptr[17] / l_ptr[17]);
    } else {
      condval_73 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2176)] = ((nv_bfloat16)condval_73);
    if (((int)threadIdx.x) == 0) {
      float condval_74;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
        condval_74 = ((m_ptr[17] + log2f(l_ptr[17])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_74 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 17)] = condval_74;
    }
  }
  if (((((int)blockIdx.x) * 32) + 18) < S) {
    float condval_75;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
      condval_75 = (acc_ptr[18] / l_ptr[18]);
    } else {
      condval_75 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2304)] = ((nv_bfloat16)condval_75);
    if (((int)threadIdx.x) == 0) {
      float condval_76;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
        condval_76 = ((m_ptr[18] + log2f(l_ptr[18])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_76 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 18)] = condval_76;
    }
  }
  if (((((int)blockIdx.x) * 32) + 19) < S) {
    float condval_77;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
      condval_77 = (acc_ptr[19] / l_ptr[19]);
    } else {
      condval_77 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2432)] = ((nv_bfloat16)condval_77);
    if (((int)threadIdx.x) == 0) {
      float condval_78;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
        condval_78 = ((m_ptr[19] + log2f(l_ptr[19])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_78 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 19)] = condval_78;
    }
  }
  if (((((int)blockIdx.x) * 32) + 20) < S) {
    float condval_79;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
      condval_79 = (acc_ptr[20] / l_ptr[20]);
    } else {
      condval_79 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2560)] = ((nv_bfloat16)condval_79);
    if (((int)threadIdx.x) == 0) {
      float condval_80;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
        condval_80 = ((m_ptr[20] + log2f(l_ptr[20])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_80 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 20)] = condval_80;
    }
  }
  if (((((int)blockIdx.x) * 32) + 21) < S) {
    float condval_81;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
      condval_81 = (acc_ptr[21] / l_ptr[21]);
    } else {
      condval_81 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2688)] = ((nv_bfloat16)condval_81);
    if (((int)threadIdx.x) == 0) {
      float condval_82;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
        condval_82 = ((m_ptr[21] + log2f(l_ptr[21])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_82 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 21)] = condval_82;
    }
  }
  if (((((int)blockIdx.x) * 32) + 22) < S) {
    float condval_83;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
      condval_83 = (acc_ptr[22] / l_ptr[22]);
    } else {
      condval_83 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2816)] = ((nv_bfloat16)condval_83);
    if (((int)threadIdx.x) == 0) {
      float condval_84;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
        condval_84 = ((m_ptr[22] + log2f(l_ptr[22])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_84 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 22)] = condval_84;
    }
  }
  if (((((int)blockIdx.x) * 32) + 23) < S) {
    float condval_85;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
      condval_85 = (acc_ptr[23] / l_ptr[23]);
    } else {
      condval_85 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 2944)] = ((nv_bfloat16)condval_85);
    if (((int)threadIdx.x) == 0) {
      float condval_86;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
        condval_86 = ((m_ptr[23] + log2f(l_ptr[23])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_86 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 23)] = condval_86;
    }
  }
  if (((((int)blockIdx.x) * 32) + 24) < S) {
    float condval_87;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
      condval_87 = (acc_ptr[24] / l_ptr[24]);
    } else {
      condval_87 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3072)] = ((nv_bfloat16)condval_87);
    if (((int)threadIdx.x) == 0) {
      float condval_88;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
        condval_88 = ((m_ptr[24] + log2f(l_ptr[24])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_88 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 24)] = condval_88;
    }
  }
  if (((((int)blockIdx.x) * 32) + 25) < S) {
    float condval_89;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
      condval_89 = (acc_ptr[25] / l_ptr[25]);
    } else {
      condval_89 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3200)] = ((nv_bfloat16)condval_89);
    if (((int)threadIdx.x) == 0) {
      float condval_90;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
        condval_90 = ((m_ptr[25] + log2f(l_ptr[25])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_90 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 25)] = condval_90;
    }
  }
  if (((((int)blockIdx.x) * 32) + 26) < S) {
    float condval_91;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
      condval_91 = (acc_ptr[26] / l_ptr[26]);
    } else {
      condval_91 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3328)] = ((nv_bfloat16)condval_91);
    if (((int)threadIdx.x) == 0) {
      float condval_92;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
        condval_92 = ((m_ptr[26] + log2f(l_ptr[26])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_92 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 26)] = condval_92;
    }
  }
  if (((((int)blockIdx.x) * 32) + 27) < S) {
    float condval_93;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
      condval_93 = (acc_ptr[27] / l_ptr[27]);
    } else {
      condval_93 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3456)] = ((nv_bfloat16)condval_93);
    if (((int)threadIdx.x) == 0) {
      float condval_94;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
        condval_94 = ((m_ptr[27] + log2f(l_ptr[27])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_94 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 27)] = condval_94;
    }
  }
  if (((((int)blockIdx.x) * 32) + 28) < S) {
    float condval_95;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
      condval_95 = (acc_ptr[28] / l_ptr[28]);
    } else {
      condval_95 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3584)] = ((nv_bfloat16)condval_95);
    if (((int)threadIdx.x) == 0) {
      float condval_96;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
        condval_96 = ((m_ptr[28] + log2f(l_ptr[28])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_96 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 28)] = condval_96;
    }
  }
  if (((((int)blockIdx.x) * 32) + 29) < S) {
    float condval_97;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
      condval_97 = (acc_ptr[29] / l_ptr[29]);
    } else {
      condval_97 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3712)] = ((nv_bfloat16)condval_97);
    if (((int)threadIdx.x) == 0) {
      float condval_98;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
        condval_98 = ((m_ptr[29] + log2f(l_ptr[29])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_98 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 29)] = condval_98;
    }
  }
  if (((((int)blockIdx.x) * 32) + 30) < S) {
    float condval_99;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
      condval_99 = (acc_ptr[30] / l_ptr[30]);
    } else {
      condval_99 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3840)] = ((nv_bfloat16)condval_99);
    if (((int)threadIdx.x) == 0) {
      float condval_100;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
        condval_100 = ((m_ptr[30] + log2f(l_ptr[30])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_100 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 30)] = condval_100;
    }
  }
  if (((((int)blockIdx.x) * 32) + 31) < S) {
    float condval_101;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
      condval_101 = (acc_ptr[31] / l_ptr[31]);
    } else {
      condval_101 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * 4096) + (((((int)blockIdx.z) * Hq) * S) * 128)) + ((((int)blockIdx.y) * S) * 128)) + ((int)threadIdx.x)) + 3968)] = ((nv_bfloat16)condval_101);
    if (((int)threadIdx.x) == 0) {
      float condval_102;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
        condval_102 = ((m_ptr[31] + log2f(l_ptr[31])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_102 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * 32) + ((((int)blockIdx.z) * Hq) * S)) + (((int)blockIdx.y) * S)) + 31)] = condval_102;
    }
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_varlen_prefill_bf16_d128_kernel(int* __restrict__ CUK_ptr, int* __restrict__ CUQ_ptr, nv_bfloat16* __restrict__ K_ptr, float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, int B, int Hk, int Hq, int MQ, int TQ, float cap, float qscale, int sinks, int window) {
  alignas(64) int iv_ptr[15];
  __shared__ alignas(64) float qs_ptr[4096];
  alignas(64) float acc_ptr[32];
  alignas(64) float m_ptr[32];
  alignas(64) float l_ptr[32];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[4096];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[4096];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[1024];
  int rmod = (Hq % Hk);
  int rdiv = (Hq / Hk);
  int rmod_1 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod >= 0)) || ((Hk < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)));
  int rmod_2 = (Hq % Hk);
  int rdiv_1 = (Hq / Hk);
  int rdiv_2 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_2 >= 0)) || ((Hk < 0) && (rmod_2 <= 0))) ? rdiv_1 : (rdiv_1 - 1)));
  int rmod_3 = (Hq % Hk);
  int rdiv_3 = (Hq / Hk);
  int rmod_4 = (Hq % Hk);
  int rdiv_4 = (Hq / Hk);
  int hk = ((((((((Hk >= 0) && (rmod_3 >= 0)) || ((Hk < 0) && (rmod_3 <= 0))) ? rdiv_3 : (rdiv_3 - 1)) >= 0) && (rmod_1 >= 0)) || ((((((Hk >= 0) && (rmod_4 >= 0)) || ((Hk < 0) && (rmod_4 <= 0))) ? rdiv_4 : (rdiv_4 - 1)) < 0) && (rmod_1 <= 0))) ? rdiv_2 : (rdiv_2 - 1));
  int r0 = (((int)blockIdx.x) * 32);
  iv_ptr[11] = CUQ_ptr[((int)blockIdx.z)];
  iv_ptr[13] = (CUQ_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[11]);
  iv_ptr[12] = CUK_ptr[((int)blockIdx.z)];
  iv_ptr[14] = (CUK_ptr[(((int)blockIdx.z) + 1)] - iv_ptr[12]);
  for (int k = 0; k < 32; ++k) {
    float condval;
    if (((((int)blockIdx.x) * 32) + k) < iv_ptr[13]) {
      condval = (((float)Q_ptr[((((min((((((int)blockIdx.x) * 32) + iv_ptr[11]) + k), (TQ - 1)) * Hq) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))]) * qscale);
    } else {
      condval = 0x0p+0f/*0.000000e+00*/;
    }
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = condval;
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[8] = -CUDART_INF_F;
  l_ptr[8] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[9] = -CUDART_INF_F;
  l_ptr[9] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[10] = -CUDART_INF_F;
  l_ptr[10] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[11] = -CUDART_INF_F;
  l_ptr[11] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[12] = -CUDART_INF_F;
  l_ptr[12] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[13] = -CUDART_INF_F;
  l_ptr[13] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[14] = -CUDART_INF_F;
  l_ptr[14] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[15] = -CUDART_INF_F;
  l_ptr[15] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[16] = -CUDART_INF_F;
  l_ptr[16] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[17] = -CUDART_INF_F;
  l_ptr[17] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[18] = -CUDART_INF_F;
  l_ptr[18] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[19] = -CUDART_INF_F;
  l_ptr[19] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[20] = -CUDART_INF_F;
  l_ptr[20] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[21] = -CUDART_INF_F;
  l_ptr[21] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[22] = -CUDART_INF_F;
  l_ptr[22] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[23] = -CUDART_INF_F;
  l_ptr[23] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[24] = -CUDART_INF_F;
  l_ptr[24] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[25] = -CUDART_INF_F;
  l_ptr[25] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[26] = -CUDART_INF_F;
  l_ptr[26] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[27] = -CUDART_INF_F;
  l_ptr[27] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[28] = -CUDART_INF_F;
  l_ptr[28] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[29] = -CUDART_INF_F;
  l_ptr[29] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[30] = -CUDART_INF_F;
  l_ptr[30] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[31] = -CUDART_INF_F;
  l_ptr[31] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = max(min(window, iv_ptr[14]), 0);
  iv_ptr[1] = max(min(sinks, iv_ptr[14]), 0);
  iv_ptr[10] = max(min(iv_ptr[14], ((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 32) - iv_ptr[13])), 0);
  iv_ptr[2] = max((((((((int)blockIdx.x) * 32) + iv_ptr[14]) + 1) - iv_ptr[13]) - iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[2] >> 5);
  int condval_1;
  if (0 < iv_ptr[0]) {
    condval_1 = max((((max(iv_ptr[10], iv_ptr[1]) + 31) >> 5) - iv_ptr[3]), 0);
  } else {
    condval_1 = 0;
  }
  iv_ptr[4] = condval_1;
  int condval_2;
  if (0 < iv_ptr[4]) {
    condval_2 = iv_ptr[3];
  } else {
    condval_2 = iv_ptr[14];
  }
  iv_ptr[5] = min(((iv_ptr[1] + 31) >> 5), condval_2);
  int condval_3;
  if ((((int)blockIdx.x) * 32) < iv_ptr[13]) {
    condval_3 = (iv_ptr[5] + iv_ptr[4]);
  } else {
    condval_3 = 0;
  }
  iv_ptr[6] = condval_3;
  for (int t = 0; t < iv_ptr[6]; ++t) {
    int condval_4;
    if (t < iv_ptr[5]) {
      condval_4 = t;
    } else {
      condval_4 = ((iv_ptr[3] + t) - iv_ptr[5]);
    }
    iv_ptr[7] = (condval_4 * 32);
    __syncthreads();
    for (int k_1 = 0; k_1 < 32; ++k_1) {
      int rmod_5 = (Hq % Hk);
      int rdiv_5 = (Hq / Hk);
      int rmod_6 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_5 >= 0)) || ((Hk < 0) && (rmod_5 <= 0))) ? rdiv_5 : (rdiv_5 - 1)));
      int rmod_7 = (Hq % Hk);
      int rdiv_6 = (Hq / Hk);
      int rdiv_7 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_7 >= 0)) || ((Hk < 0) && (rmod_7 <= 0))) ? rdiv_6 : (rdiv_6 - 1)));
      int rmod_8 = (Hq % Hk);
      int rdiv_8 = (Hq / Hk);
      int rmod_9 = (Hq % Hk);
      int rdiv_9 = (Hq / Hk);
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((((min((iv_ptr[7] + k_1), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 128) + (((((((((Hk >= 0) && (rmod_8 >= 0)) || ((Hk < 0) && (rmod_8 <= 0))) ? rdiv_8 : (rdiv_8 - 1)) >= 0) && (rmod_6 >= 0)) || ((((((Hk >= 0) && (rmod_9 >= 0)) || ((Hk < 0) && (rmod_9 <= 0))) ? rdiv_9 : (rdiv_9 - 1)) < 0) && (rmod_6 <= 0))) ? rdiv_7 : (rdiv_7 - 1)) * 128)) + ((int)threadIdx.x))];
      int rmod_10 = (Hq % Hk);
      int rdiv_10 = (Hq / Hk);
      int rmod_11 = (((int)blockIdx.y) % ((((Hk >= 0) && (rmod_10 >= 0)) || ((Hk < 0) && (rmod_10 <= 0))) ? rdiv_10 : (rdiv_10 - 1)));
      int rmod_12 = (Hq % Hk);
      int rdiv_11 = (Hq / Hk);
      int rdiv_12 = (((int)blockIdx.y) / ((((Hk >= 0) && (rmod_12 >= 0)) || ((Hk < 0) && (rmod_12 <= 0))) ? rdiv_11 : (rdiv_11 - 1)));
      int rmod_13 = (Hq % Hk);
      int rdiv_13 = (Hq / Hk);
      int rmod_14 = (Hq % Hk);
      int rdiv_14 = (Hq / Hk);
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((((min((iv_ptr[7] + k_1), (iv_ptr[14] - 1)) + iv_ptr[12]) * Hk) * 128) + (((((((((Hk >= 0) && (rmod_13 >= 0)) || ((Hk < 0) && (rmod_13 <= 0))) ? rdiv_13 : (rdiv_13 - 1)) >= 0) && (rmod_11 >= 0)) || ((((((Hk >= 0) && (rmod_14 >= 0)) || ((Hk < 0) && (rmod_14 <= 0))) ? rdiv_14 : (rdiv_14 - 1)) < 0) && (rmod_11 <= 0))) ? rdiv_12 : (rdiv_12 - 1)) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 8; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 512) + ((((int)threadIdx.x) >> 5) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 31) * 128) + c)])));
      }
      float condval_5;
      if (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[14]) && (((iv_ptr[7] + (((int)threadIdx.x) & 31)) < iv_ptr[1]) || (((iv_ptr[7] + (((int)threadIdx.x) & 31)) <= (((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13])) && (((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[0]) < (iv_ptr[7] + (((int)threadIdx.x) & 31)))))) {
        float condval_6;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_6 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_6 = red_ptr[0];
        }
        condval_5 = (condval_6 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((((((((int)blockIdx.x) * 32) + (k_2 * 4)) + (((int)threadIdx.x) >> 5)) + iv_ptr[14]) - iv_ptr[13]) - iv_ptr[7]) - (((int)threadIdx.x) & 31)), ((((((iv_ptr[7] + iv_ptr[13]) + (((int)threadIdx.x) & 31)) - (((int)threadIdx.x) >> 5)) - iv_ptr[14]) - (k_2 * 4)) - (((int)blockIdx.x) * 32))))));
      } else {
        condval_5 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_5;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 32; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 32; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 32; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 32)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 32; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 32)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 32; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 64)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 32; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 32; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 96)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 32; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 96)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 32; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 128)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 32; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 32; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 160)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 32; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 160)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 32; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 192)]);
    }
    float condval_13;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_13 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_13 = red_ptr[0];
    }
    red_ptr[1] = condval_13;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 32; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 32; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 224)]);
    }
    float condval_14;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_14 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_14 = red_ptr[0];
    }
    red_ptr[1] = condval_14;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 32; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 224)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
    red_ptr[0] = m_ptr[8];
    for (int j_16 = 0; j_16 < 32; ++j_16) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_16 + 256)]);
    }
    float condval_15;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_15 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_15 = red_ptr[0];
    }
    red_ptr[1] = condval_15;
    red_ptr[2] = exp2f((m_ptr[8] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[8] = (acc_ptr[8] * red_ptr[2]);
    for (int j_17 = 0; j_17 < 32; ++j_17) {
      red_ptr[4] = exp2f((ss_ptr[(j_17 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[8] = (acc_ptr[8] + (red_ptr[4] * ((float)vs_ptr[((j_17 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[8] = ((l_ptr[8] * red_ptr[2]) + red_ptr[3]);
    m_ptr[8] = red_ptr[0];
    red_ptr[0] = m_ptr[9];
    for (int j_18 = 0; j_18 < 32; ++j_18) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_18 + 288)]);
    }
    float condval_16;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_16 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_16 = red_ptr[0];
    }
    red_ptr[1] = condval_16;
    red_ptr[2] = exp2f((m_ptr[9] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[9] = (acc_ptr[9] * red_ptr[2]);
    for (int j_19 = 0; j_19 < 32; ++j_19) {
      red_ptr[4] = exp2f((ss_ptr[(j_19 + 288)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[9] = (acc_ptr[9] + (red_ptr[4] * ((float)vs_ptr[((j_19 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[9] = ((l_ptr[9] * red_ptr[2]) + red_ptr[3]);
    m_ptr[9] = red_ptr[0];
    red_ptr[0] = m_ptr[10];
    for (int j_20 = 0; j_20 < 32; ++j_20) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_20 + 320)]);
    }
    float condval_17;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_17 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_17 = red_ptr[0];
    }
    red_ptr[1] = condval_17;
    red_ptr[2] = exp2f((m_ptr[10] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[10] = (acc_ptr[10] * red_ptr[2]);
    for (int j_21 = 0; j_21 < 32; ++j_21) {
      red_ptr[4] = exp2f((ss_ptr[(j_21 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[10] = (acc_ptr[10] + (red_ptr[4] * ((float)vs_ptr[((j_21 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[10] = ((l_ptr[10] * red_ptr[2]) + red_ptr[3]);
    m_ptr[10] = red_ptr[0];
    red_ptr[0] = m_ptr[11];
    for (int j_22 = 0; j_22 < 32; ++j_22) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_22 + 352)]);
    }
    float condval_18;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_18 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_18 = red_ptr[0];
    }
    red_ptr[1] = condval_18;
    red_ptr[2] = exp2f((m_ptr[11] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[11] = (acc_ptr[11] * red_ptr[2]);
    for (int j_23 = 0; j_23 < 32; ++j_23) {
      red_ptr[4] = exp2f((ss_ptr[(j_23 + 352)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[11] = (acc_ptr[11] + (red_ptr[4] * ((float)vs_ptr[((j_23 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[11] = ((l_ptr[11] * red_ptr[2]) + red_ptr[3]);
    m_ptr[11] = red_ptr[0];
    red_ptr[0] = m_ptr[12];
    for (int j_24 = 0; j_24 < 32; ++j_24) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_24 + 384)]);
    }
    float condval_19;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_19 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_19 = red_ptr[0];
    }
    red_ptr[1] = condval_19;
    red_ptr[2] = exp2f((m_ptr[12] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[12] = (acc_ptr[12] * red_ptr[2]);
    for (int j_25 = 0; j_25 < 32; ++j_25) {
      red_ptr[4] = exp2f((ss_ptr[(j_25 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[12] = (acc_ptr[12] + (red_ptr[4] * ((float)vs_ptr[((j_25 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[12] = ((l_ptr[12] * red_ptr[2]) + red_ptr[3]);
    m_ptr[12] = red_ptr[0];
    red_ptr[0] = m_ptr[13];
    for (int j_26 = 0; j_26 < 32; ++j_26) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_26 + 416)]);
    }
    float condval_20;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_20 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_20 = red_ptr[0];
    }
    red_ptr[1] = condval_20;
    red_ptr[2] = exp2f((m_ptr[13] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[13] = (acc_ptr[13] * red_ptr[2]);
    for (int j_27 = 0; j_27 < 32; ++j_27) {
      red_ptr[4] = exp2f((ss_ptr[(j_27 + 416)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[13] = (acc_ptr[13] + (red_ptr[4] * ((float)vs_ptr[((j_27 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[13] = ((l_ptr[13] * red_ptr[2]) + red_ptr[3]);
    m_ptr[13] = red_ptr[0];
    red_ptr[0] = m_ptr[14];
    for (int j_28 = 0; j_28 < 32; ++j_28) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_28 + 448)]);
    }
    float condval_21;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_21 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_21 = red_ptr[0];
    }
    red_ptr[1] = condval_21;
    red_ptr[2] = exp2f((m_ptr[14] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[14] = (acc_ptr[14] * red_ptr[2]);
    for (int j_29 = 0; j_29 < 32; ++j_29) {
      red_ptr[4] = exp2f((ss_ptr[(j_29 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[14] = (acc_ptr[14] + (red_ptr[4] * ((float)vs_ptr[((j_29 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[14] = ((l_ptr[14] * red_ptr[2]) + red_ptr[3]);
    m_ptr[14] = red_ptr[0];
    red_ptr[0] = m_ptr[15];
    for (int j_30 = 0; j_30 < 32; ++j_30) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_30 + 480)]);
    }
    float condval_22;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_22 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_22 = red_ptr[0];
    }
    red_ptr[1] = condval_22;
    red_ptr[2] = exp2f((m_ptr[15] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[15] = (acc_ptr[15] * red_ptr[2]);
    for (int j_31 = 0; j_31 < 32; ++j_31) {
      red_ptr[4] = exp2f((ss_ptr[(j_31 + 480)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[15] = (acc_ptr[15] + (red_ptr[4] * ((float)vs_ptr[((j_31 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[15] = ((l_ptr[15] * red_ptr[2]) + red_ptr[3]);
    m_ptr[15] = red_ptr[0];
    red_ptr[0] = m_ptr[16];
    for (int j_32 = 0; j_32 < 32; ++j_32) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_32 + 512)]);
    }
    float condval_23;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_23 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_23 = red_ptr[0];
    }
    red_ptr[1] = condval_23;
    red_ptr[2] = exp2f((m_ptr[16] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[16] = (acc_ptr[16] * red_ptr[2]);
    for (int j_33 = 0; j_33 < 32; ++j_33) {
      red_ptr[4] = exp2f((ss_ptr[(j_33 + 512)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[16] = (acc_ptr[16] + (red_ptr[4] * ((float)vs_ptr[((j_33 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[16] = ((l_ptr[16] * red_ptr[2]) + red_ptr[3]);
    m_ptr[16] = red_ptr[0];
    red_ptr[0] = m_ptr[17];
    for (int j_34 = 0; j_34 < 32; ++j_34) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_34 + 544)]);
    }
    float condval_24;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_24 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_24 = red_ptr[0];
    }
    red_ptr[1] = condval_24;
    red_ptr[2] = exp2f((m_ptr[17] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[17] = (acc_ptr[17] * red_ptr[2]);
    for (int j_35 = 0; j_35 < 32; ++j_35) {
      red_ptr[4] = exp2f((ss_ptr[(j_35 + 544)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[17] = (acc_ptr[17] + (red_ptr[4] * ((float)vs_ptr[((j_35 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[17] = ((l_ptr[17] * red_ptr[2]) + red_ptr[3]);
    m_ptr[17] = red_ptr[0];
    red_ptr[0] = m_ptr[18];
    for (int j_36 = 0; j_36 < 32; ++j_36) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_36 + 576)]);
    }
    float condval_25;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_25 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_25 = red_ptr[0];
    }
    red_ptr[1] = condval_25;
    red_ptr[2] = exp2f((m_ptr[18] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[18] = (acc_ptr[18] * red_ptr[2]);
    for (int j_37 = 0; j_37 < 32; ++j_37) {
      red_ptr[4] = exp2f((ss_ptr[(j_37 + 576)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[18] = (acc_ptr[18] + (red_ptr[4] * ((float)vs_ptr[((j_37 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[18] = ((l_ptr[18] * red_ptr[2]) + red_ptr[3]);
    m_ptr[18] = red_ptr[0];
    red_ptr[0] = m_ptr[19];
    for (int j_38 = 0; j_38 < 32; ++j_38) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_38 + 608)]);
    }
    float condval_26;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_26 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_26 = red_ptr[0];
    }
    red_ptr[1] = condval_26;
    red_ptr[2] = exp2f((m_ptr[19] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[19] = (acc_ptr[19] * red_ptr[2]);
    for (int j_39 = 0; j_39 < 32; ++j_39) {
      red_ptr[4] = exp2f((ss_ptr[(j_39 + 608)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[19] = (acc_ptr[19] + (red_ptr[4] * ((float)vs_ptr[((j_39 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[19] = ((l_ptr[19] * red_ptr[2]) + red_ptr[3]);
    m_ptr[19] = red_ptr[0];
    red_ptr[0] = m_ptr[20];
    for (int j_40 = 0; j_40 < 32; ++j_40) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_40 + 640)]);
    }
    float condval_27;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_27 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_27 = red_ptr[0];
    }
    red_ptr[1] = condval_27;
    red_ptr[2] = exp2f((m_ptr[20] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[20] = (acc_ptr[20] * red_ptr[2]);
    for (int j_41 = 0; j_41 < 32; ++j_41) {
      red_ptr[4] = exp2f((ss_ptr[(j_41 + 640)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[20] = (acc_ptr[20] + (red_ptr[4] * ((float)vs_ptr[((j_41 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[20] = ((l_ptr[20] * red_ptr[2]) + red_ptr[3]);
    m_ptr[20] = red_ptr[0];
    red_ptr[0] = m_ptr[21];
    for (int j_42 = 0; j_42 < 32; ++j_42) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_42 + 672)]);
    }
    float condval_28;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_28 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_28 = red_ptr[0];
    }
    red_ptr[1] = condval_28;
    red_ptr[2] = exp2f((m_ptr[21] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[21] = (acc_ptr[21] * red_ptr[2]);
    for (int j_43 = 0; j_43 < 32; ++j_43) {
      red_ptr[4] = exp2f((ss_ptr[(j_43 + 672)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[21] = (acc_ptr[21] + (red_ptr[4] * ((float)vs_ptr[((j_43 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[21] = ((l_ptr[21] * red_ptr[2]) + red_ptr[3]);
    m_ptr[21] = red_ptr[0];
    red_ptr[0] = m_ptr[22];
    for (int j_44 = 0; j_44 < 32; ++j_44) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_44 + 704)]);
    }
    float condval_29;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_29 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_29 = red_ptr[0];
    }
    red_ptr[1] = condval_29;
    red_ptr[2] = exp2f((m_ptr[22] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[22] = (acc_ptr[22] * red_ptr[2]);
    for (int j_45 = 0; j_45 < 32; ++j_45) {
      red_ptr[4] = exp2f((ss_ptr[(j_45 + 704)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[22] = (acc_ptr[22] + (red_ptr[4] * ((float)vs_ptr[((j_45 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[22] = ((l_ptr[22] * red_ptr[2]) + red_ptr[3]);
    m_ptr[22] = red_ptr[0];
    red_ptr[0] = m_ptr[23];
    for (int j_46 = 0; j_46 < 32; ++j_46) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_46 + 736)]);
    }
    float condval_30;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_30 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_30 = red_ptr[0];
    }
    red_ptr[1] = condval_30;
    red_ptr[2] = exp2f((m_ptr[23] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[23] = (acc_ptr[23] * red_ptr[2]);
    for (int j_47 = 0; j_47 < 32; ++j_47) {
      red_ptr[4] = exp2f((ss_ptr[(j_47 + 736)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[23] = (acc_ptr[23] + (red_ptr[4] * ((float)vs_ptr[((j_47 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[23] = ((l_ptr[23] * red_ptr[2]) + red_ptr[3]);
    m_ptr[23] = red_ptr[0];
    red_ptr[0] = m_ptr[24];
    for (int j_48 = 0; j_48 < 32; ++j_48) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_48 + 768)]);
    }
    float condval_31;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_31 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_31 = red_ptr[0];
    }
    red_ptr[1] = condval_31;
    red_ptr[2] = exp2f((m_ptr[24] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[24] = (acc_ptr[24] * red_ptr[2]);
    for (int j_49 = 0; j_49 < 32; ++j_49) {
      red_ptr[4] = exp2f((ss_ptr[(j_49 + 768)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[24] = (acc_ptr[24] + (red_ptr[4] * ((float)vs_ptr[((j_49 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[24] = ((l_ptr[24] * red_ptr[2]) + red_ptr[3]);
    m_ptr[24] = red_ptr[0];
    red_ptr[0] = m_ptr[25];
    for (int j_50 = 0; j_50 < 32; ++j_50) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_50 + 800)]);
    }
    float condval_32;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_32 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_32 = red_ptr[0];
    }
    red_ptr[1] = condval_32;
    red_ptr[2] = exp2f((m_ptr[25] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[25] = (acc_ptr[25] * red_ptr[2]);
    for (int j_51 = 0; j_51 < 32; ++j_51) {
      red_ptr[4] = exp2f((ss_ptr[(j_51 + 800)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[25] = (acc_ptr[25] + (red_ptr[4] * ((float)vs_ptr[((j_51 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[25] = ((l_ptr[25] * red_ptr[2]) + red_ptr[3]);
    m_ptr[25] = red_ptr[0];
    red_ptr[0] = m_ptr[26];
    for (int j_52 = 0; j_52 < 32; ++j_52) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_52 + 832)]);
    }
    float condval_33;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_33 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_33 = red_ptr[0];
    }
    red_ptr[1] = condval_33;
    red_ptr[2] = exp2f((m_ptr[26] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[26] = (acc_ptr[26] * red_ptr[2]);
    for (int j_53 = 0; j_53 < 32; ++j_53) {
      red_ptr[4] = exp2f((ss_ptr[(j_53 + 832)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[26] = (acc_ptr[26] + (red_ptr[4] * ((float)vs_ptr[((j_53 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[26] = ((l_ptr[26] * red_ptr[2]) + red_ptr[3]);
    m_ptr[26] = red_ptr[0];
    red_ptr[0] = m_ptr[27];
    for (int j_54 = 0; j_54 < 32; ++j_54) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_54 + 864)]);
    }
    float condval_34;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_34 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_34 = red_ptr[0];
    }
    red_ptr[1] = condval_34;
    red_ptr[2] = exp2f((m_ptr[27] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[27] = (acc_ptr[27] * red_ptr[2]);
    for (int j_55 = 0; j_55 < 32; ++j_55) {
      red_ptr[4] = exp2f((ss_ptr[(j_55 + 864)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[27] = (acc_ptr[27] + (red_ptr[4] * ((float)vs_ptr[((j_55 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[27] = ((l_ptr[27] * red_ptr[2]) + red_ptr[3]);
    m_ptr[27] = red_ptr[0];
    red_ptr[0] = m_ptr[28];
    for (int j_56 = 0; j_56 < 32; ++j_56) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_56 + 896)]);
    }
    float condval_35;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_35 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_35 = red_ptr[0];
    }
    red_ptr[1] = condval_35;
    red_ptr[2] = exp2f((m_ptr[28] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[28] = (acc_ptr[28] * red_ptr[2]);
    for (int j_57 = 0; j_57 < 32; ++j_57) {
      red_ptr[4] = exp2f((ss_ptr[(j_57 + 896)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[28] = (acc_ptr[28] + (red_ptr[4] * ((float)vs_ptr[((j_57 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[28] = ((l_ptr[28] * red_ptr[2]) + red_ptr[3]);
    m_ptr[28] = red_ptr[0];
    red_ptr[0] = m_ptr[29];
    for (int j_58 = 0; j_58 < 32; ++j_58) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_58 + 928)]);
    }
    float condval_36;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_36 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_36 = red_ptr[0];
    }
    red_ptr[1] = condval_36;
    red_ptr[2] = exp2f((m_ptr[29] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[29] = (acc_ptr[29] * red_ptr[2]);
    for (int j_59 = 0; j_59 < 32; ++j_59) {
      red_ptr[4] = exp2f((ss_ptr[(j_59 + 928)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[29] = (acc_ptr[29] + (red_ptr[4] * ((float)vs_ptr[((j_59 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[29] = ((l_ptr[29] * red_ptr[2]) + red_ptr[3]);
    m_ptr[29] = red_ptr[0];
    red_ptr[0] = m_ptr[30];
    for (int j_60 = 0; j_60 < 32; ++j_60) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_60 + 960)]);
    }
    float condval_37;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_37 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_37 = red_ptr[0];
    }
    red_ptr[1] = condval_37;
    red_ptr[2] = exp2f((m_ptr[30] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[30] = (acc_ptr[30] * red_ptr[2]);
    for (int j_61 = 0; j_61 < 32; ++j_61) {
      red_ptr[4] = exp2f((ss_ptr[(j_61 + 960)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[30] = (acc_ptr[30] + (red_ptr[4] * ((float)vs_ptr[((j_61 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[30] = ((l_ptr[30] * red_ptr[2]) + red_ptr[3]);
    m_ptr[30] = red_ptr[0];
    red_ptr[0] = m_ptr[31];
    for (int j_62 = 0; j_62 < 32; ++j_62) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_62 + 992)]);
    }
    float condval_38;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_38 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_38 = red_ptr[0];
    }
    red_ptr[1] = condval_38;
    red_ptr[2] = exp2f((m_ptr[31] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[31] = (acc_ptr[31] * red_ptr[2]);
    for (int j_63 = 0; j_63 < 32; ++j_63) {
      red_ptr[4] = exp2f((ss_ptr[(j_63 + 992)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[31] = (acc_ptr[31] + (red_ptr[4] * ((float)vs_ptr[((j_63 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[31] = ((l_ptr[31] * red_ptr[2]) + red_ptr[3]);
    m_ptr[31] = red_ptr[0];
  }
  if ((((int)blockIdx.x) * 32) < iv_ptr[13]) {
    float condval_39;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_39 = (acc_ptr[0] / l_ptr[0]);
    } else {
      condval_39 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[(((((((int)blockIdx.x) * Hq) * 4096) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_39);
    if (((int)threadIdx.x) == 0) {
      float condval_40;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
        condval_40 = ((m_ptr[0] + log2f(l_ptr[0])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_40 = -CUDART_INF_F;
      }
      LSE_ptr[((((((int)blockIdx.x) * Hq) * 32) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_40;
    }
  }
  if (((((int)blockIdx.x) * 32) + 1) < iv_ptr[13]) {
    float condval_41;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_41 = (acc_ptr[1] / l_ptr[1]);
    } else {
      condval_41 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + (Hq * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_41);
    if (((int)threadIdx.x) == 0) {
      float condval_42;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
        condval_42 = ((m_ptr[1] + log2f(l_ptr[1])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_42 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + Hq) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_42;
    }
  }
  if (((((int)blockIdx.x) * 32) + 2) < iv_ptr[13]) {
    float condval_43;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_43 = (acc_ptr[2] / l_ptr[2]);
    } else {
      condval_43 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 256)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_43);
    if (((int)threadIdx.x) == 0) {
      float condval_44;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
        condval_44 = ((m_ptr[2] + log2f(l_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_44 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 2)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_44;
    }
  }
  if (((((int)blockIdx.x) * 32) + 3) < iv_ptr[13]) {
    float condval_45;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_45 = (acc_ptr[3] / l_ptr[3]);
    } else {
      condval_45 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 384)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_45);
    if (((int)threadIdx.x) == 0) {
      float condval_46;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
        condval_46 = ((m_ptr[3] + log2f(l_ptr[3])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_46 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 3)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_46;
    }
  }
  if (((((int)blockIdx.x) * 32) + 4) < iv_ptr[13]) {
    float condval_47;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_47 = (acc_ptr[4] / l_ptr[4]);
    } else {
      condval_47 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 512)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_47);
    if (((int)threadIdx.x) == 0) {
      float condval_48;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
        condval_48 = ((m_ptr[4] + log2f(l_ptr[4])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_48 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 4)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_48;
    }
  }
  if (((((int)blockIdx.x) * 32) + 5) < iv_ptr[13]) {
    float condval_49;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_49 = (acc_ptr[5] / l_ptr[5]);
    } else {
      condval_49 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 640)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_49);
    if (((int)threadIdx.x) == 0) {
      float condval_50;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
        condval_50 = ((m_ptr[5] + log2f(l_ptr[5])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_50 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 5)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_50;
    }
  }
  if (((((int)blockIdx.x) * 32) + 6) < iv_ptr[13]) {
    float condval_51;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_51 = (acc_ptr[6] / l_ptr[6]);
    } else {
      condval_51 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 768)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_51);
    if (((int)threadIdx.x) == 0) {
      float condval_52;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
        condval_52 = ((m_ptr[6] + log2f(l_ptr[6])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_52 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 6)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_52;
    }
  }
  if (((((int)blockIdx.x) * 32) + 7) < iv_ptr[13]) {
    float condval_53;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_53 = (acc_ptr[7] / l_ptr[7]);
    } else {
      condval_53 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 896)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_53);
    if (((int)threadIdx.x) == 0) {
      float condval_54;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
        condval_54 = ((m_ptr[7] + log2f(l_ptr[7])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_54 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 7)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_54;
    }
  }
  if (((((int)blockIdx.x) * 32) + 8) < iv_ptr[13]) {
    float condval_55;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
      condval_55 = (acc_ptr[8] / l_ptr[8]);
    } else {
      condval_55 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1024)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_55);
    if (((int)threadIdx.x) == 0) {
      float condval_56;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[8]) {
        condval_56 = ((m_ptr[8] + log2f(l_ptr[8])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_56 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 8)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_56;
    }
  }
  if (((((int)blockIdx.x) * 32) + 9) < iv_ptr[13]) {
    float condval_57;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
      condval_57 = (acc_ptr[9] / l_ptr[9]);
    } else {
      condval_57 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1152)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_57);
    if (((int)threadIdx.x) == 0) {
      float condval_58;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[9]) {
        condval_58 = ((m_ptr[9] + log2f(l_ptr[9])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_58 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 9)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_58;
    }
  }
  if (((((int)blockIdx.x) * 32) + 10) < iv_ptr[13]) {
    float condval_59;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
      condval_59 = (acc_ptr[10] / l_ptr[10]);
    } else {
      condval_59 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1280)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_59);
    if (((int)threadIdx.x) == 0) {
      float condval_60;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[10]) {
        condval_60 = ((m_ptr[10] + log2f(l_ptr[10])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_60 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 10)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_60;
    }
  }
  if (((((int)blockIdx.x) * 32) + 11) < iv_ptr[13]) {
    float condval_61;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
      condval_61 = (acc_ptr[11] / l_ptr[11]);
    } else {
      condval_61 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1408)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_61);
    if (((int)threadIdx.x) == 0) {
      float condval_62;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[11]) {
        condval_62 = ((m_ptr[11] + log2f(l_ptr[11])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_62 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 11)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_62;
    }
  }
  if (((((int)blockIdx.x) * 32) + 12) < iv_ptr[13]) {
    float condval_63;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
      condval_63 = (acc_ptr[12] / l_ptr[12]);
    } else {
      condval_63 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1536)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_63);
    if (((int)threadIdx.x) == 0) {
      float condval_64;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[12]) {
        condval_64 = ((m_ptr[12] + log2f(l_ptr[12])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_64 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 12)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_64;
    }
  }
  if (((((int)blockIdx.x) * 32) + 13) < iv_ptr[13]) {
    float condval_65;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
      condval_65 = (acc_ptr[13] / l_ptr[13]);
    } else {
      condval_65 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1664)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_65);
    if (((int)threadIdx.x) == 0) {
      float condval_66;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[13]) {
        condval_66 = ((m_ptr[13] + log2f(l_ptr[13])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_66 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 13)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_66;
    }
  }
  if (((((int)blockIdx.x) * 32) + 14) < iv_ptr[13]) {
    float condval_67;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
      condval_67 = (acc_ptr[14] / l_ptr[14]);
    } else {
      condval_67 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1792)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_67);
    if (((int)threadIdx.x) == 0) {
      float condval_68;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[14]) {
        condval_68 = ((m_ptr[14] + log2f(l_ptr[14])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_68 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 14)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_68;
    }
  }
  if (((((int)blockIdx.x) * 32) + 15) < iv_ptr[13]) {
    float condval_69;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
      condval_69 = (acc_ptr[15] / l_ptr[15]);
    } else {
      condval_69 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 1920)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_69);
    if (((int)threadIdx.x) == 0) {
      float condval_70;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[15]) {
        condval_70 = ((m_ptr[15] + log2f(l_ptr[15])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_70 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 15)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_70;
    }
  }
  if (((((int)blockIdx.x) * 32) + 16) < iv_ptr[13]) {
    float condval_71;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
      condval_71 = (acc_ptr[16] / l_ptr[16]);
    } else {
      condval_71 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2048)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_71);
    if (((int)threadIdx.x) == 0) {
      float condval_72;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[16]) {
        condval_72 = ((m_ptr[16] + log2f(l_ptr[16])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_72 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 16)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_72;
    }
  }
  if (((((int)blockIdx.x) * 32) + 17) < iv_ptr[13]) {
    float condval_73;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
      condval_73 = (acc_ptr[17] / l_ptr[17]);
    } else {
      condval_73 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2176)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_73);
    if (((int)threadIdx.x) == 0) {
      float condval_74;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[17]) {
        condval_74 = ((m_ptr[17] + log2f(l_ptr[17])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_74 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 17)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_74;
    }
  }
  if (((((int)blockIdx.x) * 32) + 18) < iv_ptr[13]) {
    float condval_75;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
      condval_75 = (acc_ptr[18] / l_ptr[18]);
    } else {
      condval_75 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2304)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_75);
    if (((int)threadIdx.x) == 0) {
      float condval_76;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[18]) {
        condval_76 = ((m_ptr[18] + log2f(l_ptr[18])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_76 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 18)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_76;
    }
  }
  if (((((int)blockIdx.x) * 32) + 19) < iv_ptr[13]) {
    float condval_77;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
      condval_77 = (acc_ptr[19] / l_ptr[19]);
    } else {
      condval_77 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2432)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_77);
    if (((int)threadIdx.x) == 0) {
      float condval_78;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[19]) {
        condval_78 = ((m_ptr[19] + log2f(l_ptr[19])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_78 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 19)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_78;
    }
  }
  if (((((int)blockIdx.x) * 32) + 20) < iv_ptr[13]) {
    float condval_79;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
      condval_79 = (acc_ptr[20] / l_ptr[20]);
    } else {
      condval_79 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2560)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_79);
    if (((int)threadIdx.x) == 0) {
      float condval_80;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[20]) {
        condval_80 = ((m_ptr[20] + log2f(l_ptr[20])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_80 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 20)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_80;
    }
  }
  if (((((int)blockIdx.x) * 32) + 21) < iv_ptr[13]) {
    float condval_81;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
      condval_81 = (acc_ptr[21] / l_ptr[21]);
    } else {
      condval_81 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2688)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_81);
    if (((int)threadIdx.x) == 0) {
      float condval_82;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[21]) {
        condval_82 = ((m_ptr[21] + log2f(l_ptr[21])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_82 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 21)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_82;
    }
  }
  if (((((int)blockIdx.x) * 32) + 22) < iv_ptr[13]) {
    float condval_83;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
      condval_83 = (acc_ptr[22] / l_ptr[22]);
    } else {
      condval_83 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2816)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_83);
    if (((int)threadIdx.x) == 0) {
      float condval_84;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[22]) {
        condval_84 = ((m_ptr[22] + log2f(l_ptr[22])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_84 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 22)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_84;
    }
  }
  if (((((int)blockIdx.x) * 32) + 23) < iv_ptr[13]) {
    float condval_85;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
      condval_85 = (acc_ptr[23] / l_ptr[23]);
    } else {
      condval_85 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 2944)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_85);
    if (((int)threadIdx.x) == 0) {
      float condval_86;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[23]) {
        condval_86 = ((m_ptr[23] + log2f(l_ptr[23])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_86 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 23)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_86;
    }
  }
  if (((((int)blockIdx.x) * 32) + 24) < iv_ptr[13]) {
    float condval_87;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
      condval_87 = (acc_ptr[24] / l_ptr[24]);
    } else {
      condval_87 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3072)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_87);
    if (((int)threadIdx.x) == 0) {
      float condval_88;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[24]) {
        condval_88 = ((m_ptr[24] + log2f(l_ptr[24])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_88 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 24)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_88;
    }
  }
  if (((((int)blockIdx.x) * 32) + 25) < iv_ptr[13]) {
    float condval_89;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
      condval_89 = (acc_ptr[25] / l_ptr[25]);
    } else {
      condval_89 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3200)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_89);
    if (((int)threadIdx.x) == 0) {
      float condval_90;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[25]) {
        condval_90 = ((m_ptr[25] + log2f(l_ptr[25])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_90 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 25)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_90;
    }
  }
  if (((((int)blockIdx.x) * 32) + 26) < iv_ptr[13]) {
    float condval_91;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
      condval_91 = (acc_ptr[26] / l_ptr[26]);
    } else {
      condval_91 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3328)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_91);
    if (((int)threadIdx.x) == 0) {
      float condval_92;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[26]) {
        condval_92 = ((m_ptr[26] + log2f(l_ptr[26])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_92 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 26)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_92;
    }
  }
  if (((((int)blockIdx.x) * 32) + 27) < iv_ptr[13]) {
    float condval_93;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
      condval_93 = (acc_ptr[27] / l_ptr[27]);
    } else {
      condval_93 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3456)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_93);
    if (((int)threadIdx.x) == 0) {
      float condval_94;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[27]) {
        condval_94 = ((m_ptr[27] + log2f(l_ptr[27])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_94 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 27)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_94;
    }
  }
  if (((((int)blockIdx.x) * 32) + 28) < iv_ptr[13]) {
    float condval_95;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
      condval_95 = (acc_ptr[28] / l_ptr[28]);
    } else {
      condval_95 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3584)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_95);
    if (((int)threadIdx.x) == 0) {
      float condval_96;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[28]) {
        condval_96 = ((m_ptr[28] + log2f(l_ptr[28])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_96 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 28)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_96;
    }
  }
  if (((((int)blockIdx.x) * 32) + 29) < iv_ptr[13]) {
    float condval_97;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
      condval_97 = (acc_ptr[29] / l_ptr[29]);
    } else {
      condval_97 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3712)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_97);
    if (((int)threadIdx.x) == 0) {
      float condval_98;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[29]) {
        condval_98 = ((m_ptr[29] + log2f(l_ptr[29])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_98 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 29)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_98;
    }
  }
  if (((((int)blockIdx.x) * 32) + 30) < iv_ptr[13]) {
    float condval_99;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
      condval_99 = (acc_ptr[30] / l_ptr[30]);
    } else {
      condval_99 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3840)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_99);
    if (((int)threadIdx.x) == 0) {
      float condval_100;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[30]) {
        condval_100 = ((m_ptr[30] + log2f(l_ptr[30])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_100 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 30)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_100;
    }
  }
  if (((((int)blockIdx.x) * 32) + 31) < iv_ptr[13]) {
    float condval_101;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
      condval_101 = (acc_ptr[31] / l_ptr[31]);
    } else {
      condval_101 = 0x0p+0f/*0.000000e+00*/;
    }
    O_ptr[((((((((int)blockIdx.x) * Hq) * 4096) + (Hq * 3968)) + (((int)blockIdx.y) * 128)) + ((iv_ptr[11] * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_101);
    if (((int)threadIdx.x) == 0) {
      float condval_102;
      if (0x0p+0f/*0.000000e+00*/ < l_ptr[31]) {
        condval_102 = ((m_ptr[31] + log2f(l_ptr[31])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
      } else {
        condval_102 = -CUDART_INF_F;
      }
      LSE_ptr[(((((((int)blockIdx.x) * Hq) * 32) + (Hq * 31)) + ((int)blockIdx.y)) + (iv_ptr[11] * Hq))] = condval_102;
    }
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_merge_bf16_d128_kernel(float* __restrict__ LSE_ptr, nv_bfloat16* __restrict__ O_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hq, int NS) {
  alignas(64) float red_ptr[4];
  red_ptr[0] = -CUDART_INF_F;
  for (int s = 0; s < NS; ++s) {
    red_ptr[0] = max(red_ptr[0], WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s)]);
  }
  float condval;
  if (red_ptr[0] == -CUDART_INF_F) {
    condval = 0x0p+0f/*0.000000e+00*/;
  } else {
    condval = red_ptr[0];
  }
  red_ptr[1] = condval;
  red_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  for (int s_1 = 0; s_1 < NS; ++s_1) {
    red_ptr[0] = exp2f((WL_ptr[((((((int)blockIdx.y) * Hq) + ((int)blockIdx.x)) * NS) + s_1)] - red_ptr[1]));
    red_ptr[2] = (red_ptr[2] + red_ptr[0]);
    red_ptr[3] = (red_ptr[3] + (red_ptr[0] * WO_ptr[((((s_1 * 128) + (((((int)blockIdx.y) * Hq) * NS) * 128)) + ((((int)blockIdx.x) * NS) * 128)) + ((int)threadIdx.x))]));
  }
  float condval_1;
  if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
    condval_1 = (red_ptr[3] / red_ptr[2]);
  } else {
    condval_1 = 0x0p+0f/*0.000000e+00*/;
  }
  O_ptr[(((((int)blockIdx.x) * 128) + ((((int)blockIdx.y) * Hq) * 128)) + ((int)threadIdx.x))] = ((nv_bfloat16)condval_1);
  if (((int)threadIdx.x) == 0) {
    float condval_2;
    if (0x0p+0f/*0.000000e+00*/ < red_ptr[2]) {
      condval_2 = ((red_ptr[1] + log2f(red_ptr[2])) * 0x1.62e42fefa39efp-1f/*6.931472e-01*/);
    } else {
      condval_2 = -CUDART_INF_F;
    }
    LSE_ptr[((((int)blockIdx.y) * Hq) + ((int)blockIdx.x))] = condval_2;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_decode_bf16_d128_g1_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 64) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + (k * 64)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 128; ++k_1) {
      ks_ptr[((k_1 * 64) + ((int)threadIdx.x))] = K_ptr[((((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 64) + ((int)threadIdx.x))] = V_ptr[((((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j_2]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[j_3] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[(((j_3 * 128) + ((int)threadIdx.x)) + 64)])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x)) + 64)] = condval_9;
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d128_g2_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 128) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + NS) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d128_g4_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_11;
  if (((int)threadIdx.x) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + NS) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 3)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_decode_bf16_d128_g8_kernel(nv_bfloat16* __restrict__ K_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int L, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[1024];
  alignas(64) float acc_ptr[8];
  alignas(64) float m_ptr[8];
  alignas(64) float l_ptr[8];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 8; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 1024) + ((((int)blockIdx.z) * Hk) * 1024)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = L;
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[(((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) * 128) + ((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * L) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 64; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 256)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 64; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 64; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 320)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 64; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 64; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 384)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 64; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 64; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 448)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 64; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_13 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_14 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_15 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_16 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + NS) + ((int)blockIdx.x))] = condval_16;
  }
  float condval_17;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_17 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_17 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_17;
  if (((int)threadIdx.x) == 0) {
    float condval_18;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_18 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_18 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((int)blockIdx.x))] = condval_18;
  }
  float condval_19;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_19 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_19 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_19;
  if (((int)threadIdx.x) == 0) {
    float condval_20;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_20 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_20 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 3)) + ((int)blockIdx.x))] = condval_20;
  }
  float condval_21;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
    condval_21 = (acc_ptr[4] / l_ptr[4]);
  } else {
    condval_21 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 512)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_21;
  if (((int)threadIdx.x) == 0) {
    float condval_22;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_22 = (m_ptr[4] + log2f(l_ptr[4]));
    } else {
      condval_22 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((int)blockIdx.x))] = condval_22;
  }
  float condval_23;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
    condval_23 = (acc_ptr[5] / l_ptr[5]);
  } else {
    condval_23 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 640)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_23;
  if (((int)threadIdx.x) == 0) {
    float condval_24;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_24 = (m_ptr[5] + log2f(l_ptr[5]));
    } else {
      condval_24 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 5)) + ((int)blockIdx.x))] = condval_24;
  }
  float condval_25;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
    condval_25 = (acc_ptr[6] / l_ptr[6]);
  } else {
    condval_25 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 768)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_25;
  if (((int)threadIdx.x) == 0) {
    float condval_26;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_26 = (m_ptr[6] + log2f(l_ptr[6]));
    } else {
      condval_26 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((int)blockIdx.x))] = condval_26;
  }
  float condval_27;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
    condval_27 = (acc_ptr[7] / l_ptr[7]);
  } else {
    condval_27 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 896)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_27;
  if (((int)threadIdx.x) == 0) {
    float condval_28;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_28 = (m_ptr[7] + log2f(l_ptr[7]));
    } else {
      condval_28 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 7)) + ((int)blockIdx.x))] = condval_28;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d128_g1_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 64) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + (k * 64)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 128; ++k_1) {
      ks_ptr[((k_1 * 64) + ((int)threadIdx.x))] = K_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 64) + ((int)threadIdx.x))] = V_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j_2]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[j_3] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[(((j_3 * 128) + ((int)threadIdx.x)) + 64)])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x)) + 64)] = condval_9;
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g2_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 128) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + NS) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g4_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_11;
  if (((int)threadIdx.x) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + NS) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 3)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g8_p16_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[1024];
  alignas(64) float acc_ptr[8];
  alignas(64) float m_ptr[8];
  alignas(64) float l_ptr[8];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 8; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 1024) + ((((int)blockIdx.z) * Hk) * 1024)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 16));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 4) + (((int)blockIdx.z) * MP))] * 16) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 15)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 64; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 256)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 64; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 64; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 320)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 64; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 64; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 384)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 64; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 64; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 448)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 64; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_13 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_14 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_15 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_16 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + NS) + ((int)blockIdx.x))] = condval_16;
  }
  float condval_17;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_17 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_17 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_17;
  if (((int)threadIdx.x) == 0) {
    float condval_18;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_18 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_18 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((int)blockIdx.x))] = condval_18;
  }
  float condval_19;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_19 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_19 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_19;
  if (((int)threadIdx.x) == 0) {
    float condval_20;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_20 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_20 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 3)) + ((int)blockIdx.x))] = condval_20;
  }
  float condval_21;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
    condval_21 = (acc_ptr[4] / l_ptr[4]);
  } else {
    condval_21 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 512)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_21;
  if (((int)threadIdx.x) == 0) {
    float condval_22;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_22 = (m_ptr[4] + log2f(l_ptr[4]));
    } else {
      condval_22 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((int)blockIdx.x))] = condval_22;
  }
  float condval_23;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
    condval_23 = (acc_ptr[5] / l_ptr[5]);
  } else {
    condval_23 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 640)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_23;
  if (((int)threadIdx.x) == 0) {
    float condval_24;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_24 = (m_ptr[5] + log2f(l_ptr[5]));
    } else {
      condval_24 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 5)) + ((int)blockIdx.x))] = condval_24;
  }
  float condval_25;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
    condval_25 = (acc_ptr[6] / l_ptr[6]);
  } else {
    condval_25 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 768)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_25;
  if (((int)threadIdx.x) == 0) {
    float condval_26;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_26 = (m_ptr[6] + log2f(l_ptr[6]));
    } else {
      condval_26 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((int)blockIdx.x))] = condval_26;
  }
  float condval_27;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
    condval_27 = (acc_ptr[7] / l_ptr[7]);
  } else {
    condval_27 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 896)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_27;
  if (((int)threadIdx.x) == 0) {
    float condval_28;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_28 = (m_ptr[7] + log2f(l_ptr[7]));
    } else {
      condval_28 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 7)) + ((int)blockIdx.x))] = condval_28;
  }
}

extern "C" __global__ void __launch_bounds__(64) kvcc_cuda_paged_decode_bf16_d128_g1_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[128];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[64];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 64) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 128) + ((((int)blockIdx.z) * Hk) * 128)) + (k * 64)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 128; ++k_1) {
      ks_ptr[((k_1 * 64) + ((int)threadIdx.x))] = K_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 64) + ((int)threadIdx.x))] = V_ptr[(((((((BT_ptr[((min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min(((k_1 >> 1) + iv_ptr[8]), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((k_1 & 1) * 64)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[c] * ((float)ks_ptr[((((int)threadIdx.x) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[0]) && (((iv_ptr[8] + ((int)threadIdx.x)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + ((int)threadIdx.x))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((int)blockIdx.y)] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - ((int)threadIdx.x)) - 1), (((iv_ptr[8] + ((int)threadIdx.x)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j_2]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[j_3] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[(((j_3 * 128) + ((int)threadIdx.x)) + 64)])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((int)blockIdx.x) * 128) + (((((int)blockIdx.z) * Hk) * NS) * 128)) + ((((int)blockIdx.y) * NS) * 128)) + ((int)threadIdx.x)) + 64)] = condval_9;
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g2_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[256];
  alignas(64) float acc_ptr[2];
  alignas(64) float m_ptr[2];
  alignas(64) float l_ptr[2];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[128];
  for (int k = 0; k < 2; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 256) + ((((int)blockIdx.z) * Hk) * 256)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
    for (int c = 0; c < 128; ++c) {
      red_ptr[0] = (red_ptr[0] + (qs_ptr[(((((int)threadIdx.x) >> 6) * 128) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
    }
    float condval_3;
    if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
      float condval_4;
      if (0x0p+0f/*0.000000e+00*/ < cap) {
        condval_4 = (cap * tanhf(red_ptr[0]));
      } else {
        condval_4 = red_ptr[0];
      }
      condval_3 = (condval_4 - (SL_ptr[((((int)blockIdx.y) * 2) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
    } else {
      condval_3 = -CUDART_INF_F;
    }
    ss_ptr[((int)threadIdx.x)] = condval_3;
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
  }
  float condval_7;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_7 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_7 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_7;
  if (((int)threadIdx.x) == 0) {
    float condval_8;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_8 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_8 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + ((int)blockIdx.x))] = condval_8;
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_9 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 256) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_10 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 2) + NS) + ((int)blockIdx.x))] = condval_10;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g4_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[512];
  alignas(64) float acc_ptr[4];
  alignas(64) float m_ptr[4];
  alignas(64) float l_ptr[4];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[256];
  for (int k = 0; k < 4; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 512) + ((((int)blockIdx.z) * Hk) * 512)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 2; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 4) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
  }
  float condval_9;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_9 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_9 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_9;
  if (((int)threadIdx.x) == 0) {
    float condval_10;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_10 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_10 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + ((int)blockIdx.x))] = condval_10;
  }
  float condval_11;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_11 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_11 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_11;
  if (((int)threadIdx.x) == 0) {
    float condval_12;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_12 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_12 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + NS) + ((int)blockIdx.x))] = condval_12;
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_13 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_14 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 2)) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_15 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 512) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_16 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 4) + (NS * 3)) + ((int)blockIdx.x))] = condval_16;
  }
}

extern "C" __global__ void __launch_bounds__(128) kvcc_cuda_paged_decode_bf16_d128_g8_p32_kernel(int* __restrict__ BT_ptr, nv_bfloat16* __restrict__ K_ptr, int* __restrict__ KVL_ptr, nv_bfloat16* __restrict__ Q_ptr, float* __restrict__ SL_ptr, nv_bfloat16* __restrict__ V_ptr, float* __restrict__ WL_ptr, float* __restrict__ WO_ptr, int B, int Hk, int MP, int NS, float cap, float qscale, int sinks, int window) {
  __shared__ alignas(64) float qs_ptr[1024];
  alignas(64) float acc_ptr[8];
  alignas(64) float m_ptr[8];
  alignas(64) float l_ptr[8];
  alignas(64) int iv_ptr[11];
  __shared__ alignas(64) nv_bfloat16 ks_ptr[8192];
  __shared__ alignas(64) nv_bfloat16 vs_ptr[8192];
  alignas(64) float red_ptr[5];
  __shared__ alignas(64) float ss_ptr[512];
  for (int k = 0; k < 8; ++k) {
    qs_ptr[((k * 128) + ((int)threadIdx.x))] = (((float)Q_ptr[((((((int)blockIdx.y) * 1024) + ((((int)blockIdx.z) * Hk) * 1024)) + (k * 128)) + ((int)threadIdx.x))]) * qscale);
  }
  acc_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[0] = -CUDART_INF_F;
  l_ptr[0] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[1] = -CUDART_INF_F;
  l_ptr[1] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[2] = -CUDART_INF_F;
  l_ptr[2] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[3] = -CUDART_INF_F;
  l_ptr[3] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[4] = -CUDART_INF_F;
  l_ptr[4] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[5] = -CUDART_INF_F;
  l_ptr[5] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[6] = -CUDART_INF_F;
  l_ptr[6] = 0x0p+0f/*0.000000e+00*/;
  acc_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  m_ptr[7] = -CUDART_INF_F;
  l_ptr[7] = 0x0p+0f/*0.000000e+00*/;
  iv_ptr[0] = min(KVL_ptr[((int)blockIdx.z)], (MP * 32));
  iv_ptr[1] = max(min(window, iv_ptr[0]), 0);
  iv_ptr[2] = max(min(sinks, iv_ptr[0]), 0);
  iv_ptr[3] = (iv_ptr[0] - iv_ptr[1]);
  iv_ptr[4] = (iv_ptr[3] >> 6);
  int condval;
  if (0 < iv_ptr[1]) {
    condval = (((iv_ptr[0] + 63) >> 6) - iv_ptr[4]);
  } else {
    condval = 0;
  }
  iv_ptr[5] = condval;
  int condval_1;
  if (0 < iv_ptr[5]) {
    condval_1 = iv_ptr[4];
  } else {
    condval_1 = iv_ptr[0];
  }
  iv_ptr[6] = min(((iv_ptr[2] + 63) >> 6), condval_1);
  int rmod = (((iv_ptr[6] + iv_ptr[5]) - 1) % NS);
  int rdiv = (((iv_ptr[6] + iv_ptr[5]) - 1) / NS);
  iv_ptr[9] = (((((NS >= 0) && (rmod >= 0)) || ((NS < 0) && (rmod <= 0))) ? rdiv : (rdiv - 1)) + 1);
  iv_ptr[10] = (((int)blockIdx.x) * iv_ptr[9]);
  iv_ptr[7] = max(min(iv_ptr[9], ((iv_ptr[6] + iv_ptr[5]) - iv_ptr[10])), 0);
  for (int t = 0; t < iv_ptr[7]; ++t) {
    int condval_2;
    if ((iv_ptr[10] + t) < iv_ptr[6]) {
      condval_2 = (iv_ptr[10] + t);
    } else {
      condval_2 = (((iv_ptr[4] + iv_ptr[10]) + t) - iv_ptr[6]);
    }
    iv_ptr[8] = (condval_2 * 64);
    __syncthreads();
    for (int k_1 = 0; k_1 < 64; ++k_1) {
      ks_ptr[((k_1 * 128) + ((int)threadIdx.x))] = K_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
      vs_ptr[((k_1 * 128) + ((int)threadIdx.x))] = V_ptr[((((((BT_ptr[((min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) >> 5) + (((int)blockIdx.z) * MP))] * 32) + (min((iv_ptr[8] + k_1), (iv_ptr[0] - 1)) & 31)) * Hk) * 128) + (((int)blockIdx.y) * 128)) + ((int)threadIdx.x))];
    }
    __syncthreads();
    for (int k_2 = 0; k_2 < 4; ++k_2) {
      red_ptr[0] = 0x0p+0f/*0.000000e+00*/;
      for (int c = 0; c < 128; ++c) {
        red_ptr[0] = (red_ptr[0] + (qs_ptr[(((k_2 * 256) + ((((int)threadIdx.x) >> 6) * 128)) + c)] * ((float)ks_ptr[(((((int)threadIdx.x) & 63) * 128) + c)])));
      }
      float condval_3;
      if (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[0]) && (((iv_ptr[8] + (((int)threadIdx.x) & 63)) < iv_ptr[2]) || (iv_ptr[3] <= (iv_ptr[8] + (((int)threadIdx.x) & 63))))) {
        float condval_4;
        if (0x0p+0f/*0.000000e+00*/ < cap) {
          condval_4 = (cap * tanhf(red_ptr[0]));
        } else {
          condval_4 = red_ptr[0];
        }
        condval_3 = (condval_4 - (SL_ptr[(((((int)blockIdx.y) * 8) + (k_2 * 2)) + (((int)threadIdx.x) >> 6))] * ((float)max((((iv_ptr[0] - iv_ptr[8]) - (((int)threadIdx.x) & 63)) - 1), (((iv_ptr[8] + (((int)threadIdx.x) & 63)) + 1) - iv_ptr[0])))));
      } else {
        condval_3 = -CUDART_INF_F;
      }
      ss_ptr[((k_2 * 128) + ((int)threadIdx.x))] = condval_3;
    }
    __syncthreads();
    red_ptr[0] = m_ptr[0];
    for (int j = 0; j < 64; ++j) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[j]);
    }
    float condval_5;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_5 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_5 = red_ptr[0];
    }
    red_ptr[1] = condval_5;
    red_ptr[2] = exp2f((m_ptr[0] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[0] = (acc_ptr[0] * red_ptr[2]);
    for (int j_1 = 0; j_1 < 64; ++j_1) {
      red_ptr[4] = exp2f((ss_ptr[j_1] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[0] = (acc_ptr[0] + (red_ptr[4] * ((float)vs_ptr[((j_1 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[0] = ((l_ptr[0] * red_ptr[2]) + red_ptr[3]);
    m_ptr[0] = red_ptr[0];
    red_ptr[0] = m_ptr[1];
    for (int j_2 = 0; j_2 < 64; ++j_2) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_2 + 64)]);
    }
    float condval_6;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_6 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_6 = red_ptr[0];
    }
    red_ptr[1] = condval_6;
    red_ptr[2] = exp2f((m_ptr[1] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[1] = (acc_ptr[1] * red_ptr[2]);
    for (int j_3 = 0; j_3 < 64; ++j_3) {
      red_ptr[4] = exp2f((ss_ptr[(j_3 + 64)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[1] = (acc_ptr[1] + (red_ptr[4] * ((float)vs_ptr[((j_3 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[1] = ((l_ptr[1] * red_ptr[2]) + red_ptr[3]);
    m_ptr[1] = red_ptr[0];
    red_ptr[0] = m_ptr[2];
    for (int j_4 = 0; j_4 < 64; ++j_4) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_4 + 128)]);
    }
    float condval_7;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_7 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_7 = red_ptr[0];
    }
    red_ptr[1] = condval_7;
    red_ptr[2] = exp2f((m_ptr[2] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[2] = (acc_ptr[2] * red_ptr[2]);
    for (int j_5 = 0; j_5 < 64; ++j_5) {
      red_ptr[4] = exp2f((ss_ptr[(j_5 + 128)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[2] = (acc_ptr[2] + (red_ptr[4] * ((float)vs_ptr[((j_5 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[2] = ((l_ptr[2] * red_ptr[2]) + red_ptr[3]);
    m_ptr[2] = red_ptr[0];
    red_ptr[0] = m_ptr[3];
    for (int j_6 = 0; j_6 < 64; ++j_6) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_6 + 192)]);
    }
    float condval_8;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_8 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_8 = red_ptr[0];
    }
    red_ptr[1] = condval_8;
    red_ptr[2] = exp2f((m_ptr[3] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[3] = (acc_ptr[3] * red_ptr[2]);
    for (int j_7 = 0; j_7 < 64; ++j_7) {
      red_ptr[4] = exp2f((ss_ptr[(j_7 + 192)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[3] = (acc_ptr[3] + (red_ptr[4] * ((float)vs_ptr[((j_7 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[3] = ((l_ptr[3] * red_ptr[2]) + red_ptr[3]);
    m_ptr[3] = red_ptr[0];
    red_ptr[0] = m_ptr[4];
    for (int j_8 = 0; j_8 < 64; ++j_8) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_8 + 256)]);
    }
    float condval_9;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_9 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_9 = red_ptr[0];
    }
    red_ptr[1] = condval_9;
    red_ptr[2] = exp2f((m_ptr[4] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[4] = (acc_ptr[4] * red_ptr[2]);
    for (int j_9 = 0; j_9 < 64; ++j_9) {
      red_ptr[4] = exp2f((ss_ptr[(j_9 + 256)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[4] = (acc_ptr[4] + (red_ptr[4] * ((float)vs_ptr[((j_9 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[4] = ((l_ptr[4] * red_ptr[2]) + red_ptr[3]);
    m_ptr[4] = red_ptr[0];
    red_ptr[0] = m_ptr[5];
    for (int j_10 = 0; j_10 < 64; ++j_10) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_10 + 320)]);
    }
    float condval_10;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_10 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_10 = red_ptr[0];
    }
    red_ptr[1] = condval_10;
    red_ptr[2] = exp2f((m_ptr[5] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[5] = (acc_ptr[5] * red_ptr[2]);
    for (int j_11 = 0; j_11 < 64; ++j_11) {
      red_ptr[4] = exp2f((ss_ptr[(j_11 + 320)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[5] = (acc_ptr[5] + (red_ptr[4] * ((float)vs_ptr[((j_11 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[5] = ((l_ptr[5] * red_ptr[2]) + red_ptr[3]);
    m_ptr[5] = red_ptr[0];
    red_ptr[0] = m_ptr[6];
    for (int j_12 = 0; j_12 < 64; ++j_12) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_12 + 384)]);
    }
    float condval_11;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_11 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_11 = red_ptr[0];
    }
    red_ptr[1] = condval_11;
    red_ptr[2] = exp2f((m_ptr[6] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[6] = (acc_ptr[6] * red_ptr[2]);
    for (int j_13 = 0; j_13 < 64; ++j_13) {
      red_ptr[4] = exp2f((ss_ptr[(j_13 + 384)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[6] = (acc_ptr[6] + (red_ptr[4] * ((float)vs_ptr[((j_13 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[6] = ((l_ptr[6] * red_ptr[2]) + red_ptr[3]);
    m_ptr[6] = red_ptr[0];
    red_ptr[0] = m_ptr[7];
    for (int j_14 = 0; j_14 < 64; ++j_14) {
      red_ptr[0] = max(red_ptr[0], ss_ptr[(j_14 + 448)]);
    }
    float condval_12;
    if (red_ptr[0] == -CUDART_INF_F) {
      condval_12 = 0x0p+0f/*0.000000e+00*/;
    } else {
      condval_12 = red_ptr[0];
    }
    red_ptr[1] = condval_12;
    red_ptr[2] = exp2f((m_ptr[7] - red_ptr[1]));
    red_ptr[3] = 0x0p+0f/*0.000000e+00*/;
    acc_ptr[7] = (acc_ptr[7] * red_ptr[2]);
    for (int j_15 = 0; j_15 < 64; ++j_15) {
      red_ptr[4] = exp2f((ss_ptr[(j_15 + 448)] - red_ptr[1]));
      red_ptr[3] = (red_ptr[3] + red_ptr[4]);
      acc_ptr[7] = (acc_ptr[7] + (red_ptr[4] * ((float)vs_ptr[((j_15 * 128) + ((int)threadIdx.x))])));
    }
    l_ptr[7] = ((l_ptr[7] * red_ptr[2]) + red_ptr[3]);
    m_ptr[7] = red_ptr[0];
  }
  float condval_13;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
    condval_13 = (acc_ptr[0] / l_ptr[0]);
  } else {
    condval_13 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_13;
  if (((int)threadIdx.x) == 0) {
    float condval_14;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[0]) {
      condval_14 = (m_ptr[0] + log2f(l_ptr[0]));
    } else {
      condval_14 = -CUDART_INF_F;
    }
    WL_ptr[(((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + ((int)blockIdx.x))] = condval_14;
  }
  float condval_15;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
    condval_15 = (acc_ptr[1] / l_ptr[1]);
  } else {
    condval_15 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (((int)blockIdx.x) * 128)) + (NS * 128)) + ((int)threadIdx.x))] = condval_15;
  if (((int)threadIdx.x) == 0) {
    float condval_16;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[1]) {
      condval_16 = (m_ptr[1] + log2f(l_ptr[1]));
    } else {
      condval_16 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + NS) + ((int)blockIdx.x))] = condval_16;
  }
  float condval_17;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
    condval_17 = (acc_ptr[2] / l_ptr[2]);
  } else {
    condval_17 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 256)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_17;
  if (((int)threadIdx.x) == 0) {
    float condval_18;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[2]) {
      condval_18 = (m_ptr[2] + log2f(l_ptr[2]));
    } else {
      condval_18 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 2)) + ((int)blockIdx.x))] = condval_18;
  }
  float condval_19;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
    condval_19 = (acc_ptr[3] / l_ptr[3]);
  } else {
    condval_19 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 384)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_19;
  if (((int)threadIdx.x) == 0) {
    float condval_20;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[3]) {
      condval_20 = (m_ptr[3] + log2f(l_ptr[3]));
    } else {
      condval_20 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 3)) + ((int)blockIdx.x))] = condval_20;
  }
  float condval_21;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
    condval_21 = (acc_ptr[4] / l_ptr[4]);
  } else {
    condval_21 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 512)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_21;
  if (((int)threadIdx.x) == 0) {
    float condval_22;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[4]) {
      condval_22 = (m_ptr[4] + log2f(l_ptr[4]));
    } else {
      condval_22 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 4)) + ((int)blockIdx.x))] = condval_22;
  }
  float condval_23;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
    condval_23 = (acc_ptr[5] / l_ptr[5]);
  } else {
    condval_23 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 640)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_23;
  if (((int)threadIdx.x) == 0) {
    float condval_24;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[5]) {
      condval_24 = (m_ptr[5] + log2f(l_ptr[5]));
    } else {
      condval_24 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 5)) + ((int)blockIdx.x))] = condval_24;
  }
  float condval_25;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
    condval_25 = (acc_ptr[6] / l_ptr[6]);
  } else {
    condval_25 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 768)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_25;
  if (((int)threadIdx.x) == 0) {
    float condval_26;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[6]) {
      condval_26 = (m_ptr[6] + log2f(l_ptr[6]));
    } else {
      condval_26 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 6)) + ((int)blockIdx.x))] = condval_26;
  }
  float condval_27;
  if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
    condval_27 = (acc_ptr[7] / l_ptr[7]);
  } else {
    condval_27 = 0x0p+0f/*0.000000e+00*/;
  }
  WO_ptr[(((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 1024) + (NS * 896)) + (((int)blockIdx.x) * 128)) + ((int)threadIdx.x))] = condval_27;
  if (((int)threadIdx.x) == 0) {
    float condval_28;
    if (0x0p+0f/*0.000000e+00*/ < l_ptr[7]) {
      condval_28 = (m_ptr[7] + log2f(l_ptr[7]));
    } else {
      condval_28 = -CUDART_INF_F;
    }
    WL_ptr[((((((((int)blockIdx.z) * Hk) + ((int)blockIdx.y)) * NS) * 8) + (NS * 7)) + ((int)blockIdx.x))] = condval_28;
  }
}

