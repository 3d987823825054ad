#pragma once
// MaxPool2d(2, stride 2, no padding), the pooling of nearly every small CNN, one output row at a
// time: x0/x1 are the two input rows (2*Wo floats used), out/dy the output row (Wo floats).
// The backward pass sends each gradient to the first maximum of its window in row-major order
// (a later element wins only when strictly greater), as torch does. With AVX-512 sixteen windows
// are handled per step (even/odd lanes split by permutes, masks for the row's tail); elsewhere a
// branch-free scalar loop. Internal to the CPU backend.
#include <algorithm>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace bp::cpu {

inline void max_pool_2x2_row_forward_scalar(const float* x0, const float* x1, float* out, int Wo) {
  for (int ow = 0; ow < Wo; ++ow)
    out[ow] = std::max(std::max(x0[2 * ow], x0[2 * ow + 1]), std::max(x1[2 * ow], x1[2 * ow + 1]));
}

// d0/d1: the gradient rows of x0/x1 (2*Wo floats written).
inline void max_pool_2x2_row_backward_scalar(const float* x0, const float* x1, const float* dy,
                                             float* d0, float* d1, int Wo) {
  for (int ow = 0; ow < Wo; ++ow) {
    const int c = 2 * ow;
    const float a = x0[c], b = x0[c + 1], e = x1[c], f = x1[c + 1];
    // Selects (cmov, blend) rather than branches: the comparisons are unpredictable.
    int k = 0;
    float m = a;
    k = b > m ? 1 : k;
    m = b > m ? b : m;
    k = e > m ? 2 : k;
    m = e > m ? e : m;
    k = f > m ? 3 : k;
    const float gv = dy[ow];
    d0[c] = k == 0 ? gv : 0.0f;
    d0[c + 1] = k == 1 ? gv : 0.0f;
    d1[c] = k == 2 ? gv : 0.0f;
    d1[c + 1] = k == 3 ? gv : 0.0f;
  }
}

#if defined(__AVX512F__)
namespace pool2x2 {

inline __mmask16 first(int n) {  // the first n lanes (none for n <= 0, all for n >= 16)
  if (n <= 0) return 0;
  return n >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << n) - 1u);
}

// Loads the 2*count floats at p (count <= 16) and splits them into even and odd elements.
inline void load_pairs(const float* p, int count, __m512& even, __m512& odd) {
  const __m512 lo = _mm512_maskz_loadu_ps(first(2 * count), p);
  const __m512 hi = _mm512_maskz_loadu_ps(first(2 * count - 16), p + 16);
  const __m512i ie = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i io = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
  even = _mm512_permutex2var_ps(lo, ie, hi);
  odd = _mm512_permutex2var_ps(lo, io, hi);
}

// The inverse of load_pairs: interleaves even/odd and stores 2*count floats at p.
inline void store_pairs(float* p, int count, __m512 even, __m512 odd) {
  const __m512i il = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const __m512i ih =
      _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  _mm512_mask_storeu_ps(p, first(2 * count), _mm512_permutex2var_ps(even, il, odd));
  _mm512_mask_storeu_ps(p + 16, first(2 * count - 16), _mm512_permutex2var_ps(even, ih, odd));
}

}  // namespace pool2x2

inline void max_pool_2x2_row_forward(const float* x0, const float* x1, float* out, int Wo) {
  using namespace pool2x2;
  for (int ow = 0; ow < Wo; ow += 16) {
    const int count = std::min(16, Wo - ow);
    __m512 a, b, e, f;
    load_pairs(x0 + 2 * ow, count, a, b);
    load_pairs(x1 + 2 * ow, count, e, f);
    const __m512 m = _mm512_max_ps(_mm512_max_ps(a, b), _mm512_max_ps(e, f));
    _mm512_mask_storeu_ps(out + ow, first(count), m);
  }
}

inline void max_pool_2x2_row_backward(const float* x0, const float* x1, const float* dy, float* d0,
                                      float* d1, int Wo) {
  using namespace pool2x2;
  for (int ow = 0; ow < Wo; ow += 16) {
    const int count = std::min(16, Wo - ow);
    __m512 a, b, e, f;
    load_pairs(x0 + 2 * ow, count, a, b);
    load_pairs(x1 + 2 * ow, count, e, f);
    const __m512 g = _mm512_maskz_loadu_ps(first(count), dy + ow);
    const __mmask16 gt_b = _mm512_cmp_ps_mask(b, a, _CMP_GT_OQ);
    const __m512 m1 = _mm512_mask_blend_ps(gt_b, a, b);
    const __mmask16 gt_e = _mm512_cmp_ps_mask(e, m1, _CMP_GT_OQ);
    const __m512 m2 = _mm512_mask_blend_ps(gt_e, m1, e);
    const __mmask16 gt_f = _mm512_cmp_ps_mask(f, m2, _CMP_GT_OQ);
    // the winner: f if it beat the rest, else e if it beat a and b, else b if it beat a, else a
    const __mmask16 win_f = gt_f;
    const __mmask16 win_e = static_cast<__mmask16>(gt_e & ~gt_f);
    const __mmask16 win_b = static_cast<__mmask16>(gt_b & ~gt_e & ~gt_f);
    const __mmask16 win_a = static_cast<__mmask16>(~(gt_b | gt_e | gt_f));
    store_pairs(d0 + 2 * ow, count, _mm512_maskz_mov_ps(win_a, g), _mm512_maskz_mov_ps(win_b, g));
    store_pairs(d1 + 2 * ow, count, _mm512_maskz_mov_ps(win_e, g), _mm512_maskz_mov_ps(win_f, g));
  }
}
#else
inline void max_pool_2x2_row_forward(const float* x0, const float* x1, float* out, int Wo) {
  max_pool_2x2_row_forward_scalar(x0, x1, out, Wo);
}
inline void max_pool_2x2_row_backward(const float* x0, const float* x1, const float* dy, float* d0,
                                      float* d1, int Wo) {
  max_pool_2x2_row_backward_scalar(x0, x1, dy, d0, d1, Wo);
}
#endif

}  // namespace bp::cpu
