// Finite-difference gradient checks for every layer of the conv family (inputs and parameters).
#include <QtTest>
#include <numeric>

#include "engine/nn/layer_factory.h"
#include "tests/common/gradcheck.h"

using namespace bp;
using namespace bp::test;

namespace {

NodeSpec node(NodeKind kind, LayerParams p = {}) {
  return NodeSpec{1, kind, std::string("layer"), p, 0.0, 0.0};
}

// Parameters for `layer` at per-sample input `in`: random, running_var positive.
std::vector<Tensor> make_params(Layer& layer, const Shape& in, Rng& rng) {
  std::vector<Tensor> out;
  for (const auto& d : layer.parameters(std::span<const Shape>(&in, 1))) {
    Tensor t = Tensor::cpu(d.shape);
    fill_uniform(t, rng, d.name == "running_var" ? 0.5f : -1.0f, 1.5f);
    out.push_back(t);
  }
  return out;
}

// Distinct values spaced 0.05 apart in random order: no ties or near-ties for max pooling.
Tensor spaced(const Shape& s, Rng& rng) {
  Tensor t = Tensor::cpu(s);
  std::vector<int64_t> idx(static_cast<size_t>(t.numel()));
  std::iota(idx.begin(), idx.end(), 0);
  rng.shuffle(idx.begin(), idx.end());
  for (int64_t i = 0; i < t.numel(); ++i)
    t.data()[i] = static_cast<float>(idx[static_cast<size_t>(i)]) * 0.05f - 1.0f;
  return t;
}

void check(NodeKind kind, const LayerParams& p, const Shape& batch_in, Mode mode = Mode::Train,
           bool spaced_input = false) {
  auto layer = make_conv_layer(node(kind, p));
  QVERIFY(layer);
  Rng rng(11);
  Tensor x = Tensor::cpu(batch_in);
  if (spaced_input)
    x = spaced(batch_in, rng);
  else
    fill_uniform(x, rng);
  const Shape in = batch_in.without_batch();
  auto params = make_params(*layer, in, rng);
  GradCheckOptions opt;
  opt.mode = mode;
  std::string failure;
  const bool ok = gradcheck_layer(*layer, {x}, params, opt, &failure);
  if (!ok) QFAIL(qPrintable(QString::fromStdString(failure)));
}

LayerParams conv(int out, std::array<int, 2> k, std::array<int, 2> s, std::array<int, 2> pad,
                 std::array<int, 2> dil, bool bias = true) {
  LayerParams p;
  p.out_channels = out;
  p.kernel = k;
  p.stride = s;
  p.padding = pad;
  p.dilation = dil;
  p.bias = bias;
  return p;
}

}  // namespace

class ConvGradcheck : public QObject {
  Q_OBJECT

 private slots:
  void conv2d_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("3x3") << 0;
    QTest::newRow("stride 2, pad 1") << 1;
    QTest::newRow("dilation 2, pad 2") << 2;
    QTest::newRow("5x3 stride (2,1) pad (1,0) dil (1,2) no bias") << 3;
    QTest::newRow("1x1") << 4;
  }
  void conv2d() {
    QFETCH(int, which);
    const LayerParams ps[] = {
        conv(3, {3, 3}, {1, 1}, {0, 0}, {1, 1}), conv(4, {3, 3}, {2, 2}, {1, 1}, {1, 1}),
        conv(2, {3, 3}, {1, 1}, {2, 2}, {2, 2}), conv(3, {5, 3}, {2, 1}, {1, 0}, {1, 2}, false),
        conv(3, {1, 1}, {1, 1}, {0, 0}, {1, 1})};
    check(NodeKind::Conv2d, ps[which], {2, 2, 7, 8});
  }

  void locally_connected2d() {
    check(NodeKind::LocallyConnected2d, conv(3, {3, 3}, {1, 1}, {0, 0}, {1, 1}), {2, 2, 5, 6});
    check(NodeKind::LocallyConnected2d, conv(2, {3, 2}, {2, 1}, {1, 1}, {1, 2}), {2, 2, 6, 6});
  }

  void pools() {
    LayerParams p;
    p.kernel = {2, 2};
    p.stride = {2, 2};
    check(NodeKind::MaxPool2d, p, {2, 3, 6, 6}, Mode::Train, true);
    p.kernel = {3, 3};
    p.stride = {2, 2};
    p.padding = {1, 1};
    check(NodeKind::MaxPool2d, p, {2, 2, 7, 6}, Mode::Train, true);
    check(NodeKind::AvgPool2d, p, {2, 2, 7, 6});
    p.count_include_pad = false;
    check(NodeKind::AvgPool2d, p, {2, 2, 7, 6});
    LayerParams a;
    a.output_size = {3, 4};
    check(NodeKind::AdaptiveAvgPool2d, a, {2, 2, 7, 6});
  }

  void batch_norm() {
    LayerParams p;
    check(NodeKind::BatchNorm2d, p, {4, 3, 3, 2}, Mode::Train);
    check(NodeKind::BatchNorm1d, p, {6, 5}, Mode::Train);
    check(NodeKind::BatchNorm1d, p, {3, 2, 4}, Mode::Train);
    check(NodeKind::BatchNorm2d, p, {2, 3, 2, 2}, Mode::Eval);
    p.affine = false;
    check(NodeKind::BatchNorm1d, p, {6, 5}, Mode::Train);
  }

  void layer_norm() {
    LayerParams p;
    check(NodeKind::LayerNorm, p, {3, 10});
    check(NodeKind::LayerNorm, p, {2, 2, 3, 3});
    p.affine = false;
    check(NodeKind::LayerNorm, p, {3, 7});
  }

  void shapes_and_messages() {
    LayerParams c1 = conv(6, {5, 5}, {1, 1}, {2, 2}, {1, 1});
    auto layer = make_conv_layer(NodeSpec{1, NodeKind::Conv2d, std::string("conv1"), c1, 0, 0});
    const Shape flat{784}, img{1, 28, 28}, tiny{1, 3, 3};
    auto r = layer->output_shape(std::span<const Shape>(&flat, 1));
    QCOMPARE(std::get<std::string>(r),
             std::string("Conv2d expects an image (C, H, W), got (784): set the Input shape to "
                         "(1, 28, 28)"));
    r = layer->output_shape(std::span<const Shape>(&img, 1));
    QCOMPARE(std::get<Shape>(r), (Shape{6, 28, 28}));
    const auto decls = layer->parameters(std::span<const Shape>(&img, 1));
    QCOMPARE(decls[0].shape, (Shape{6, 1, 5, 5}));
    QCOMPARE(decls[0].init.kind, InitKind::Uniform);
    QCOMPARE(decls[0].init.b, 0.2f);  // 1/sqrt(1*5*5)
    QCOMPARE(decls[1].init.a, -0.2f);
    auto big = make_conv_layer(NodeSpec{1, NodeKind::Conv2d, std::string("c"),
                                        conv(2, {5, 5}, {1, 1}, {0, 0}, {1, 1}), 0, 0});
    r = big->output_shape(std::span<const Shape>(&tiny, 1));
    QVERIFY(std::get<std::string>(r).find("larger than the padded input") != std::string::npos);
    // torch: floor((9 + 2 - 2*2 - 1) / 2) + 1 = 4, floor((10 + 2 - 4 - 1) / 2) + 1 = 4
    auto dil = make_conv_layer(NodeSpec{1, NodeKind::Conv2d, std::string("c"),
                                        conv(3, {3, 3}, {2, 2}, {1, 1}, {2, 2}), 0, 0});
    const Shape s{2, 9, 10};
    QCOMPARE(std::get<Shape>(dil->output_shape(std::span<const Shape>(&s, 1))), (Shape{3, 4, 4}));
    auto lc = make_conv_layer(NodeSpec{1, NodeKind::LocallyConnected2d, std::string("lc"),
                                       conv(3, {3, 3}, {1, 1}, {0, 0}, {1, 1}), 0, 0});
    const auto lcd = lc->parameters(std::span<const Shape>(&s, 1));
    QCOMPARE(lcd[0].shape, (Shape{7 * 8, 3, 18}));
    QCOMPARE(lcd[1].shape, (Shape{3, 7, 8}));
    LayerParams pool;
    pool.kernel = {2, 2};
    pool.stride = {2, 2};
    auto mp = make_conv_layer(NodeSpec{1, NodeKind::MaxPool2d, std::string("p"), pool, 0, 0});
    const Shape fm{6, 28, 28};
    QCOMPARE(std::get<Shape>(mp->output_shape(std::span<const Shape>(&fm, 1))), (Shape{6, 14, 14}));
    pool.padding = {2, 2};
    auto bad = make_conv_layer(NodeSpec{1, NodeKind::MaxPool2d, std::string("p"), pool, 0, 0});
    QVERIFY(std::holds_alternative<std::string>(bad->output_shape(std::span<const Shape>(&fm, 1))));
    QVERIFY(!make_conv_layer(NodeSpec{1, NodeKind::Linear, std::string("fc"), {}, 0, 0}));
  }

  void dropout_fixed_mask() {
    LayerParams p;
    p.p = 0.3f;
    check(NodeKind::Dropout, p, {4, 10});
    check(NodeKind::GaussianDropout, p, {4, 10});
    check(NodeKind::Dropout2d, p, {4, 5, 3, 3});
    check(NodeKind::Dropout, p, {4, 10}, Mode::Eval);
  }
};

QTEST_APPLESS_MAIN(ConvGradcheck)
#include "test_conv_gradcheck.moc"
