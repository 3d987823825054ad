#pragma once
// Convolution and pooling operations, named after torch.nn.functional (normalization lives in
// norm_ops.h, the dropout family in dropout_ops.h). Same conventions as dense_ops.h: backward
// OVERWRITES input gradients and ACCUMULATES parameter gradients; null pointers skip. Backends may
// keep internal scratch memory (im2col columns, ...) but must not allocate per call once warmed up
// to a given size.
#include "engine/backend/types.h"
#include "engine/core/tensor.h"

namespace bp {

struct Conv2dGeometry {
  int kernel_h = 3, kernel_w = 3;
  int stride_h = 1, stride_w = 1;
  int pad_h = 0, pad_w = 0;
  int dilation_h = 1, dilation_w = 1;
};

struct Pool2dGeometry {
  int kernel_h = 2, kernel_w = 2;
  int stride_h = 2, stride_w = 2;
  int pad_h = 0, pad_w = 0;
  bool count_include_pad = true;       // AvgPool2d, as torch's default
  int dilation_h = 1, dilation_w = 1;  // MaxPool2d: tap spacing (AvgPool2d has none: 1)
};

class ConvOps {
 public:
  virtual ~ConvOps() = default;

  // x: (N, Cin, H, W)  w: (Cout, Cin, kh, kw)  b: (Cout) or null  y: (N, Cout, Ho, Wo)
  virtual void conv2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                              const Conv2dGeometry& g, Tensor& y) = 0;
  // dx overwrite (N, Cin, H, W); dw += (Cout, Cin, kh, kw); db += (Cout)
  virtual void conv2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                               const Conv2dGeometry& g, Tensor* dx, Tensor* dw, Tensor* db) = 0;

  // Convolution without weight sharing: every output position has its own kernel.
  // x: (N, Cin, H, W)  w: (Ho*Wo, Cout, Cin*kh*kw)  b: (Cout, Ho, Wo) or null  y: (N, Cout, Ho, Wo)
  virtual void locally_connected2d_forward(const Tensor& x, const Tensor& w, const Tensor* b,
                                           const Conv2dGeometry& g, Tensor& y) = 0;
  virtual void locally_connected2d_backward(const Tensor& x, const Tensor& w, const Tensor& dy,
                                            const Conv2dGeometry& g, Tensor* dx, Tensor* dw,
                                            Tensor* db) = 0;

  // x: (N, C, H, W)  y: (N, C, Ho, Wo); padding counts as -inf. Ties: first maximum.
  virtual void max_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) = 0;
  virtual void max_pool2d_backward(const Tensor& x, const Tensor& y, const Tensor& dy,
                                   const Pool2dGeometry& g, Tensor& dx) = 0;
  virtual void avg_pool2d_forward(const Tensor& x, const Pool2dGeometry& g, Tensor& y) = 0;
  virtual void avg_pool2d_backward(const Tensor& dy, const Pool2dGeometry& g, Tensor& dx) = 0;
  // x: (N, C, H, W)  y: (N, C, Ho, Wo) with torch's adaptive bin edges floor/ceil.
  virtual void adaptive_avg_pool2d_forward(const Tensor& x, Tensor& y) = 0;
  virtual void adaptive_avg_pool2d_backward(const Tensor& dy, Tensor& dx) = 0;
};

}  // namespace bp
