// Direct stride-1 Conv2d (see cpu_conv_direct.h). Layout of the work:
//   forward   y[k, oh, ow]   = sum_{c,i,j} w[k,c,i,j] * xpad[c, oh + i*dh, ow + j*dw]
//             lanes over ow; a block of KB output channels x RB output rows in registers.
//   dW        dw[k,c,i,j]   += sum_{n,oh,ow} dy[n,k,oh,ow] * xpad[n,c, oh + i*dh, ow + j*dw]
//             lanes over ow; KB channels x JB taps of per-lane partial sums, reduced across
//             lanes once per call (dwpart), samples taken in groups that stay in cache.
//   dX        dx[c, ih, iw]  = sum_{k,i,j} w[k,c,i,j] * dy[k, ih + ph - i*dh, iw + pw - j*dw]
//             lanes over iw (the "gather" form: each dx element written once, no clearing);
//             a block of CB input channels in registers; rows of dy outside [0, Ho) skipped.
// xpad is the input with its zero padding made explicit; the padded buffers are wide enough that
// whole-vector loads never leave them, and lanes past the row's end are zero in every buffer a
// reduction reads (dyz), or simply not stored (masked stores).
#include "engine/backend/cpu/cpu_conv_direct.h"

#include <algorithm>
#include <cstring>

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace bp::cpu {
namespace {

#if defined(__AVX512F__)
constexpr int kLanes = 16;
constexpr int kMaxKB = 8;  // forward: 2 rows x 8 channels = 16 of the 32 vector registers
constexpr int kMaxCB = 8;
#else
constexpr int kLanes = 8;
constexpr int kMaxKB = 4;
constexpr int kMaxCB = 4;
#endif
constexpr int kMaxRB = 2;    // forward output rows per block
constexpr int kDwKB = 4;     // dW: output channels per block
constexpr int kDwJB = 3;     // dW: kernel columns per block
constexpr int kDwGroup = 8;  // dW: samples whose padded data is prepared together

using Vec = float __attribute__((vector_size(kLanes * sizeof(float))));

inline Vec load(const float* p) {
  Vec v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store(float* p, Vec v, int count) {
  if (count == kLanes) {
    std::memcpy(p, &v, sizeof v);
    return;
  }
#if defined(__AVX512F__)
  _mm512_mask_storeu_ps(p, static_cast<__mmask16>((1u << count) - 1u), v);
#else
  for (int t = 0; t < count; ++t) p[t] = v[t];
#endif
}

inline float lane_sum(Vec v) {
  float s = 0.0f;
  for (int t = 0; t < kLanes; ++t) s += v[t];
  return s;
}

int round_up(int n) {
  return (n + kLanes - 1) / kLanes * kLanes;
}

struct Geo {
  int N, C, H, W, K, Ho, Wo, kh, kw, ph, pw, dh, dw;
  int64_t R;         // C*kh*kw: one output channel's weights
  int xrows, xcols;  // padded input plane
  int64_t xplane;
  int yrow;  // dyz row: Wo rounded up to whole vectors
};

Geo make_geo(int N, int C, int H, int W, int K, const Conv2dGeometry& g, int Ho, int Wo) {
  Geo e{};
  e.N = N;
  e.C = C;
  e.H = H;
  e.W = W;
  e.K = K;
  e.Ho = Ho;
  e.Wo = Wo;
  e.kh = g.kernel_h;
  e.kw = g.kernel_w;
  e.ph = g.pad_h;
  e.pw = g.pad_w;
  e.dh = g.dilation_h;
  e.dw = g.dilation_w;
  e.R = static_cast<int64_t>(C) * e.kh * e.kw;
  e.xrows = H + 2 * e.ph;
  e.xcols = std::max(W + 2 * e.pw, round_up(Wo) + (e.kw - 1) * e.dw);
  e.xplane = static_cast<int64_t>(e.xrows) * e.xcols;
  e.yrow = round_up(Wo);
  return e;
}

float* grow(std::vector<float>& v, int64_t n) {
  if (static_cast<int64_t>(v.size()) < n) v.resize(static_cast<size_t>(n));
  return v.data();
}

// x: (C, H, W) of one sample -> dst: (C, xrows, xcols), zero outside the copied rows.
void pad_input(const Geo& e, const float* x, float* dst) {
  std::fill(dst, dst + e.C * e.xplane, 0.0f);
  for (int c = 0; c < e.C; ++c)
    for (int ih = 0; ih < e.H; ++ih)
      std::memcpy(dst + c * e.xplane + static_cast<int64_t>(ih + e.ph) * e.xcols + e.pw,
                  x + (static_cast<int64_t>(c) * e.H + ih) * e.W, sizeof(float) * e.W);
}

// ---------------------------------------------------------------------------------------------
// forward

// y (K, Ho, Wo) of one sample, channels [k0, k0+KB), rows [oh, oh+RB), lanes from col0.
// wt: the weights tap-major, (Cin*kh*kw, Cout), so a block's KB weights of a tap are adjacent.
template <int KB, int RB>
void forward_block(const Geo& e, const float* xp, const float* wt, const float* b, int k0, int oh,
                   int col0, float* y) {
  Vec acc[RB][KB] = {};
  const float* wr = wt + k0;
  for (int c = 0; c < e.C; ++c)
    for (int i = 0; i < e.kh; ++i) {
      const float* xr = xp + c * e.xplane + static_cast<int64_t>(oh + i * e.dh) * e.xcols + col0;
      for (int j = 0; j < e.kw; ++j, wr += e.K) {
        Vec xv[RB];
#pragma GCC unroll 2
        for (int r = 0; r < RB; ++r) xv[r] = load(xr + r * e.xcols + j * e.dw);
#pragma GCC unroll 8
        for (int q = 0; q < KB; ++q) {
          const float s = wr[q];
#pragma GCC unroll 2
          for (int r = 0; r < RB; ++r) acc[r][q] += xv[r] * s;
        }
      }
    }
  const int count = std::min(kLanes, e.Wo - col0);
  for (int q = 0; q < KB; ++q)
    for (int r = 0; r < RB; ++r) {
      Vec v = acc[r][q];
      if (b) v += b[k0 + q];
      store(y + (static_cast<int64_t>(k0 + q) * e.Ho + oh + r) * e.Wo + col0, v, count);
    }
}

template <int RB>
void forward_dispatch(int kb, const Geo& e, const float* xp, const float* w, const float* b, int k0,
                      int oh, int col0, float* y) {
  switch (kb) {
    case 1:
      return forward_block<1, RB>(e, xp, w, b, k0, oh, col0, y);
    case 2:
      return forward_block<2, RB>(e, xp, w, b, k0, oh, col0, y);
    case 3:
      return forward_block<3, RB>(e, xp, w, b, k0, oh, col0, y);
    case 4:
      return forward_block<4, RB>(e, xp, w, b, k0, oh, col0, y);
    case 5:
      return forward_block<5, RB>(e, xp, w, b, k0, oh, col0, y);
    case 6:
      return forward_block<6, RB>(e, xp, w, b, k0, oh, col0, y);
    case 7:
      return forward_block<7, RB>(e, xp, w, b, k0, oh, col0, y);
    default:
      return forward_block<8, RB>(e, xp, w, b, k0, oh, col0, y);
  }
}

// ---------------------------------------------------------------------------------------------
// dW

// Partial sums for w[k0.., c, i, j0..] over the samples of one group.
template <int KB, int JB>
void dw_block(const Geo& e, int group, const float* xg, const float* dyg, int k0, int c, int i,
              int j0, float* dwpart) {
  const int64_t tap0 = (static_cast<int64_t>(c) * e.kh + i) * e.kw + j0;
  Vec acc[KB][JB];
  for (int q = 0; q < KB; ++q)
    for (int jj = 0; jj < JB; ++jj)
      acc[q][jj] = load(dwpart + ((k0 + q) * e.R + tap0 + jj) * kLanes);
  const int64_t dyplane = static_cast<int64_t>(e.Ho) * e.yrow;
  for (int n = 0; n < group; ++n) {
    const float* xs = xg + (static_cast<int64_t>(n) * e.C + c) * e.xplane;
    const float* ds = dyg + (static_cast<int64_t>(n) * e.K + k0) * dyplane;
    for (int oh = 0; oh < e.Ho; ++oh) {
      const float* xr = xs + static_cast<int64_t>(oh + i * e.dh) * e.xcols + j0 * e.dw;
      const float* dr = ds + static_cast<int64_t>(oh) * e.yrow;
      for (int col0 = 0; col0 < e.yrow; col0 += kLanes) {
        Vec xv[JB], dv[KB];
#pragma GCC unroll 3
        for (int jj = 0; jj < JB; ++jj) xv[jj] = load(xr + col0 + jj * e.dw);
#pragma GCC unroll 4
        for (int q = 0; q < KB; ++q) dv[q] = load(dr + q * dyplane + col0);
#pragma GCC unroll 4
        for (int q = 0; q < KB; ++q)
#pragma GCC unroll 3
          for (int jj = 0; jj < JB; ++jj) acc[q][jj] += dv[q] * xv[jj];
      }
    }
  }
  for (int q = 0; q < KB; ++q)
    for (int jj = 0; jj < JB; ++jj)
      std::memcpy(dwpart + ((k0 + q) * e.R + tap0 + jj) * kLanes, &acc[q][jj], sizeof(Vec));
}

template <int JB>
void dw_dispatch(int kb, const Geo& e, int group, const float* xg, const float* dyg, int k0, int c,
                 int i, int j0, float* dwpart) {
  switch (kb) {
    case 1:
      return dw_block<1, JB>(e, group, xg, dyg, k0, c, i, j0, dwpart);
    case 2:
      return dw_block<2, JB>(e, group, xg, dyg, k0, c, i, j0, dwpart);
    case 3:
      return dw_block<3, JB>(e, group, xg, dyg, k0, c, i, j0, dwpart);
    default:
      return dw_block<4, JB>(e, group, xg, dyg, k0, c, i, j0, dwpart);
  }
}

// ---------------------------------------------------------------------------------------------
// dX

// dx (C, H, W) of one sample, channels [c0, c0+CB), row ih, lanes from col0. dyp: (K, Ho, dycols)
// with the row's ow at column ow + ml, zero elsewhere. wc: the weights as (Cout, kh, kw, Cin), so
// a block's CB weights of a tap are adjacent.
template <int CB>
void dx_block(const Geo& e, const float* dyp, int dycols, int ml, const float* wc, int c0, int ih,
              int col0, float* dx) {
  Vec acc[CB] = {};
  for (int i = 0; i < e.kh; ++i) {
    const int oh = ih + e.ph - i * e.dh;
    if (oh < 0 || oh >= e.Ho) continue;
    for (int k = 0; k < e.K; ++k) {
      const float* dr = dyp + (static_cast<int64_t>(k) * e.Ho + oh) * dycols + col0 + e.pw + ml;
      const float* wk = wc + ((static_cast<int64_t>(k) * e.kh + i) * e.kw) * e.C + c0;
      for (int j = 0; j < e.kw; ++j, wk += e.C) {
        const Vec v = load(dr - j * e.dw);
#pragma GCC unroll 8
        for (int q = 0; q < CB; ++q) acc[q] += v * wk[q];
      }
    }
  }
  const int count = std::min(kLanes, e.W - col0);
  for (int q = 0; q < CB; ++q)
    store(dx + (static_cast<int64_t>(c0 + q) * e.H + ih) * e.W + col0, acc[q], count);
}

void dx_dispatch(int cb, const Geo& e, const float* dyp, int dycols, int ml, const float* w, int c0,
                 int ih, int col0, float* dx) {
  switch (cb) {
    case 1:
      return dx_block<1>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    case 2:
      return dx_block<2>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    case 3:
      return dx_block<3>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    case 4:
      return dx_block<4>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    case 5:
      return dx_block<5>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    case 6:
      return dx_block<6>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    case 7:
      return dx_block<7>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
    default:
      return dx_block<8>(e, dyp, dycols, ml, w, c0, ih, col0, dx);
  }
}

// Packs w (Cout, Cin, kh, kw) as (Cout, kh, kw, Cin) for dx_block.
void pack_for_input_grad(const Geo& e, const float* w, float* wc) {
  const int kk = e.kh * e.kw;
  for (int k = 0; k < e.K; ++k)
    for (int c = 0; c < e.C; ++c)
      for (int t = 0; t < kk; ++t)
        wc[(static_cast<int64_t>(k) * kk + t) * e.C + c] =
            w[k * e.R + static_cast<int64_t>(c) * kk + t];
}

// dx of sample n; dyp is this thread's buffer.
void input_grad_sample(const Geo& e, const float* wc, const float* dy, int n, float* dx,
                       std::vector<float>& buffer) {
  const int ml = (e.kw - 1) * e.dw;  // left margin: ow can be as low as pw - (kw-1)*dw
  const int dycols = std::max(ml + e.Wo, round_up(e.W) + e.pw + ml);
  const int64_t dyplane = static_cast<int64_t>(e.Ho) * dycols;
  float* dyp = grow(buffer, e.K * dyplane);
  std::fill(dyp, dyp + e.K * dyplane, 0.0f);
  const float* dys = dy + static_cast<int64_t>(n) * e.K * e.Ho * e.Wo;
  for (int64_t row = 0; row < static_cast<int64_t>(e.K) * e.Ho; ++row)
    std::memcpy(dyp + row * dycols + ml, dys + row * e.Wo, sizeof(float) * e.Wo);
  float* dxs = dx + static_cast<int64_t>(n) * e.C * e.H * e.W;
  for (int c0 = 0; c0 < e.C; c0 += kMaxCB)
    for (int ih = 0; ih < e.H; ++ih)
      for (int col0 = 0; col0 < e.W; col0 += kLanes)
        dx_dispatch(std::min(kMaxCB, e.C - c0), e, dyp, dycols, ml, wc, c0, ih, col0, dxs);
}

// The batch is cut into at most kMaxChunks chunks of whole sample groups, a number that depends
// on N only; each chunk's sums are reduced within the chunk, and the chunks are added in order
// afterwards, so dw/db do not depend on how many threads took the chunks.
constexpr int kMaxChunks = 8;

int chunk_size(int N) {
  const int groups = (N + kDwGroup - 1) / kDwGroup;
  return kDwGroup * ((groups + kMaxChunks - 1) / kMaxChunks);
}

// One chunk's dW (taps floats, overwritten) and db (K floats, overwritten), samples [n0, n1).
void weight_grad_chunk(const Geo& e, const float* x, const float* dy, int n0, int n1,
                       float* dw_chunk, float* db_chunk, DirectConvScratch& s) {
  const int64_t taps = e.K * e.R;
  float* dwpart = dw_chunk ? grow(s.dwpart, taps * kLanes) : nullptr;
  if (dwpart) std::fill(dwpart, dwpart + taps * kLanes, 0.0f);
  if (db_chunk) std::fill(db_chunk, db_chunk + e.K, 0.0f);
  const int64_t dyplane = static_cast<int64_t>(e.Ho) * e.yrow;
  float* xg = grow(s.xpad, kDwGroup * e.C * e.xplane);
  float* dyg = grow(s.dyz, kDwGroup * e.K * dyplane);
  std::fill(dyg, dyg + kDwGroup * e.K * dyplane, 0.0f);  // lanes past Wo stay zero
  for (int g0 = n0; g0 < n1; g0 += kDwGroup) {
    const int group = std::min(kDwGroup, n1 - g0);
    for (int n = 0; n < group; ++n) {
      const float* dys = dy + static_cast<int64_t>(g0 + n) * e.K * e.Ho * e.Wo;
      for (int k = 0; k < e.K; ++k) {
        float* dst = dyg + (static_cast<int64_t>(n) * e.K + k) * dyplane;
        for (int oh = 0; oh < e.Ho; ++oh)
          std::memcpy(dst + oh * e.yrow, dys + (static_cast<int64_t>(k) * e.Ho + oh) * e.Wo,
                      sizeof(float) * e.Wo);
        if (!db_chunk) continue;
        Vec sum = {};
        for (int64_t t = 0; t < dyplane; t += kLanes) sum += load(dst + t);
        db_chunk[k] += lane_sum(sum);
      }
      if (dwpart)
        pad_input(e, x + static_cast<int64_t>(g0 + n) * e.C * e.H * e.W,
                  xg + static_cast<int64_t>(n) * e.C * e.xplane);
    }
    if (!dwpart) continue;
    for (int k0 = 0; k0 < e.K; k0 += kDwKB) {
      const int kb = std::min(kDwKB, e.K - k0);
      for (int c = 0; c < e.C; ++c)
        for (int i = 0; i < e.kh; ++i)
          for (int j0 = 0; j0 < e.kw; j0 += kDwJB) {
            switch (std::min(kDwJB, e.kw - j0)) {
              case 1:
                dw_dispatch<1>(kb, e, group, xg, dyg, k0, c, i, j0, dwpart);
                break;
              case 2:
                dw_dispatch<2>(kb, e, group, xg, dyg, k0, c, i, j0, dwpart);
                break;
              default:
                dw_dispatch<3>(kb, e, group, xg, dyg, k0, c, i, j0, dwpart);
                break;
            }
          }
    }
  }
  if (dwpart)
    for (int64_t t = 0; t < taps; ++t) dw_chunk[t] = lane_sum(load(dwpart + t * kLanes));
}

// Runs body(task, scratch of the thread) for every task, on the pool when there is one.
template <typename Body>
void for_each_task(DirectConv& ctx, int64_t tasks, const Body& body) {
  const int threads = ctx.pool ? ctx.pool->threads() : 1;
  if (static_cast<int>(ctx.per_thread.size()) < threads) ctx.per_thread.resize(threads);
  if (!ctx.pool) {
    for (int64_t t = 0; t < tasks; ++t) body(t, ctx.per_thread[0]);
    return;
  }
  ctx.pool->run(tasks, [&](int64_t t, int thread) { body(t, ctx.per_thread[thread]); });
}

}  // namespace

bool direct_conv_applies(const Conv2dGeometry& g, int Wo) {
  return g.stride_h == 1 && g.stride_w == 1 && Wo > 0 && 2 * Wo >= round_up(Wo);
}

void conv2d_direct_forward(const float* x, const float* w, const float* b, int N, int C, int H,
                           int W, int K, const Conv2dGeometry& g, int Ho, int Wo, float* y,
                           DirectConv& ctx) {
  const Geo e = make_geo(N, C, H, W, K, g, Ho, Wo);
  float* wt = grow(ctx.wpack, K * e.R);  // (Cin*kh*kw, Cout)
  for (int k = 0; k < K; ++k)
    for (int64_t t = 0; t < e.R; ++t) wt[t * K + k] = w[k * e.R + t];
  for_each_task(ctx, N, [&](int64_t n, DirectConvScratch& s) {
    float* xp = grow(s.xpad, C * e.xplane);
    pad_input(e, x + n * C * H * W, xp);
    float* yn = y + n * K * Ho * Wo;
    for (int k0 = 0; k0 < K; k0 += kMaxKB) {
      const int kb = std::min(kMaxKB, K - k0);
      for (int oh = 0; oh < Ho; oh += kMaxRB)
        for (int col0 = 0; col0 < Wo; col0 += kLanes) {
          if (Ho - oh >= 2)
            forward_dispatch<2>(kb, e, xp, wt, b, k0, oh, col0, yn);
          else
            forward_dispatch<1>(kb, e, xp, wt, b, k0, oh, col0, yn);
        }
    }
  });
}

void conv2d_direct_backward(const float* x, const float* w, const float* dy, int N, int C, int H,
                            int W, int K, const Conv2dGeometry& g, int Ho, int Wo, float* dx,
                            float* dw, float* db, DirectConv& ctx) {
  const Geo e = make_geo(N, C, H, W, K, g, Ho, Wo);
  if (dw || db) {
    const int size = chunk_size(N);
    const int chunks = (N + size - 1) / size;
    const int64_t taps = e.K * e.R;
    float* dw_chunks = dw ? grow(ctx.chunk_dw, chunks * taps) : nullptr;
    float* db_chunks = db ? grow(ctx.chunk_db, static_cast<int64_t>(chunks) * K) : nullptr;
    for_each_task(ctx, chunks, [&](int64_t ch, DirectConvScratch& s) {
      const int n0 = static_cast<int>(ch) * size, n1 = std::min(N, n0 + size);
      weight_grad_chunk(e, x, dy, n0, n1, dw ? dw_chunks + ch * taps : nullptr,
                        db ? db_chunks + ch * K : nullptr, s);
    });
    for (int ch = 0; ch < chunks; ++ch) {  // in chunk order, whatever the thread count
      if (dw)
        for (int64_t t = 0; t < taps; ++t) dw[t] += dw_chunks[ch * taps + t];
      if (db)
        for (int k = 0; k < K; ++k) db[k] += db_chunks[ch * K + k];
    }
  }
  if (dx) {
    float* wc = grow(ctx.wpack, K * e.R);
    pack_for_input_grad(e, w, wc);
    for_each_task(ctx, N, [&](int64_t n, DirectConvScratch& s) {
      input_grad_sample(e, wc, dy, static_cast<int>(n), dx, s.dyz);
    });
  }
}

}  // namespace bp::cpu
