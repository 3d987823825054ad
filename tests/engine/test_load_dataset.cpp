// load_dataset for image sources: the bundled MNIST digits, Fashion-MNIST (when installed), resize,
// class filter, subsets, normalization; split sizes and disjointness; missing-data messages.
#include <QtTest>

#include <cmath>
#include <map>
#include <set>

#include "engine/core/error.h"
#include "engine/data/data_paths.h"
#include "engine/data/dataset_spec.h"
#include "engine/data/idx_reader.h"
#include "engine/data/image_ops.h"
#include "engine/data/split.h"
#include "engine/data/toy_generators.h"
#include "tests/common/oracle.h"

using namespace bp;

namespace {

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

DatasetSpec digits_spec() {
  DatasetSpec spec;
  spec.source = DatasetSource::MnistDigits;
  spec.normalize = false;
  return spec;
}

std::vector<float> row(const Dataset& ds, int64_t i) {
  return {ds.sample(i), ds.sample(i) + ds.sample_shape.numel()};
}

}  // namespace

class TestLoadDataset : public QObject {
  Q_OBJECT
 private slots:
  void bundled_digits_load() {
    DatasetSpec spec = digits_spec();
    spec.validation_fraction = 0.0f;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 8000);
    QCOMPARE(s.test.size(), 2000);
    QCOMPARE(s.validation.size(), 0);
    QCOMPARE(s.train.size() + s.test.size(), 10000);
    QCOMPARE(s.train.sample_shape, (Shape{1, 28, 28}));
    QCOMPARE(s.train.num_classes, 10);
    QCOMPARE(s.train.class_names[3], std::string("3"));
    std::map<int, int> counts;
    for (const Dataset* d : {&s.train, &s.test})
      for (float t : d->targets) ++counts[static_cast<int>(t)];
    QCOMPARE(static_cast<int>(counts.size()), 10);
    for (const auto& [label, count] : counts) {
      QVERIFY(label >= 0 && label <= 9);
      QVERIFY2(count > 800 && count < 1200, qPrintable(QString::number(count)));
    }
    float lo = 1e9f, hi = -1e9f;
    double sum = 0;
    for (float v : s.train.features) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    QCOMPARE(lo, 0.0f);
    QCOMPARE(hi, 1.0f);
    const double mean = sum / static_cast<double>(s.train.features.size());
    QVERIFY2(mean > 0.1 && mean < 0.15, qPrintable(QString::number(mean)));  // MNIST: ~0.13
  }

  void bundled_digit_files_are_the_committed_conversion() {
    // Values computed by Python from the files convert.py wrote (see datasets/README.md): a
    // regenerated or damaged file changes them.
    const std::string folder = std::string(BP_SOURCE_DIR) + "/datasets/mnist-digits";
    const IdxArray train = read_idx(folder + "/train-images-idx3-ubyte.gz", 3);
    const IdxArray test = read_idx(folder + "/t10k-images-idx3-ubyte.gz", 3);
    uint64_t train_sum = 0, test_sum = 0;
    for (uint8_t p : train.data) train_sum += p;
    for (uint8_t p : test.data) test_sum += p;
    QCOMPARE(train_sum, uint64_t{209114885});
    QCOMPARE(test_sum, uint64_t{53031715});
    const IdxArray test_labels = read_idx(folder + "/t10k-labels-idx1-ubyte.gz", 1);
    std::vector<int> counts(10, 0);
    for (uint8_t l : test_labels.data) ++counts.at(l);
    QCOMPARE(counts, (std::vector<int>{200, 225, 198, 206, 196, 173, 203, 214, 189, 196}));
    const IdxArray train_labels = read_idx(folder + "/train-labels-idx1-ubyte.gz", 1);
    QCOMPARE(std::vector<uint8_t>(train_labels.data.begin(), train_labels.data.begin() + 10),
             (std::vector<uint8_t>{4, 5, 7, 6, 0, 2, 1, 5, 7, 6}));
  }

  void validation_is_carved_from_train_and_normalized_with_train_stats() {
    DatasetSpec spec = digits_spec();
    spec.validation_fraction = 0.15f;
    spec.normalize = true;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.validation.size(), 1200);
    QCOMPARE(s.train.size(), 6800);
    QCOMPARE(s.test.size(), 2000);
    const ChannelStats st = channel_stats(s.train);
    QVERIFY(std::abs(st.mean[0]) < 1e-4f);
    QVERIFY(std::abs(st.std[0] - 1.0f) < 1e-3f);
    QCOMPARE(s.test.input_mean, s.train.input_mean);
    QVERIFY(s.train.input_mean[0] > 0.1f && s.train.input_std[0] > 0.25f);
    // the same spec loads the same data
    const DatasetSplits again = load_dataset(spec);
    QVERIFY(again.train.features == s.train.features && again.train.targets == s.train.targets);
  }

  void resize_keeps_mean_intensity() {
    DatasetSpec spec = digits_spec();
    spec.max_train = 200;
    spec.max_test = 50;
    const DatasetSplits native = load_dataset(spec);
    spec.resize = 16;
    const DatasetSplits small = load_dataset(spec);
    QCOMPARE(small.train.sample_shape, (Shape{1, 16, 16}));
    QCOMPARE(small.train.size(), 200);
    QCOMPARE(small.test.size(), 50);
    QCOMPARE(small.train.targets, native.train.targets);
    for (int64_t i = 0; i < small.train.size(); ++i) {
      double a = 0, b = 0;
      for (int k = 0; k < 784; ++k) a += native.train.sample(i)[k];
      for (int k = 0; k < 256; ++k) b += small.train.sample(i)[k];
      QVERIFY(std::abs(a / 784 - b / 256) < 1e-4);  // area averaging preserves the mean
    }
    spec.resize = 8;
    QCOMPARE(load_dataset(spec).test.sample_shape, (Shape{1, 8, 8}));
  }

  void class_filter_relabels() {
    DatasetSpec spec = digits_spec();
    spec.validation_fraction = 0.0f;
    const DatasetSplits all = load_dataset(spec);
    int threes = 0, eights = 0;
    for (float t : all.train.targets) {
      threes += t == 3.0f;
      eights += t == 8.0f;
    }
    spec.class_filter = {8, 3};
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.num_classes, 2);
    QCOMPARE(s.train.class_names, (std::vector<std::string>{"8", "3"}));
    int zeros = 0, ones = 0;
    for (float t : s.train.targets) {
      QVERIFY(t == 0.0f || t == 1.0f);
      zeros += t == 0.0f;
      ones += t == 1.0f;
    }
    QCOMPARE(zeros, eights);
    QCOMPARE(ones, threes);
    for (float t : s.test.targets) QVERIFY(t == 0.0f || t == 1.0f);
    spec.class_filter = {3, 12};
    QVERIFY(error_of([&] { load_dataset(spec); }).find("class 12 does not exist") !=
            std::string::npos);
    spec.class_filter = {3};
    QVERIFY(error_of([&] { load_dataset(spec); }).find("at least two classes") !=
            std::string::npos);
  }

  void splits_are_disjoint_and_sized() {
    DatasetSpec spec;
    spec.toy = ToyKind::Gaussians;
    spec.samples = 1000;
    spec.train_fraction = 0.6f;
    spec.validation_fraction = 0.25f;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 600);
    QCOMPARE(s.validation.size(), 250);
    QCOMPARE(s.test.size(), 150);
    std::set<std::vector<float>> seen;
    for (const Dataset* d : {&s.train, &s.validation, &s.test})
      for (int64_t i = 0; i < d->size(); ++i) QVERIFY(seen.insert(row(*d, i)).second);
    QCOMPARE(seen.size(), size_t{1000});  // together they are the whole generated set
    // another seed, another shuffle
    spec.seed = 2;
    QVERIFY(load_dataset(spec).train.features != s.train.features);
    spec.train_fraction = 0.9f;
    QVERIFY(error_of([&] { load_dataset(spec); }).find("add up to at most 1") != std::string::npos);
  }

  void in_place_split_matches_the_reference() {
    Dataset train = generate_toy(ToyKind::Blobs, 503, 0.2f, 4, 8);
    Dataset test = generate_toy(ToyKind::Blobs, 20, 0.2f, 4, 9);
    const std::vector<int64_t> idx = shuffled_indices(503, 77);
    const Dataset ref_val = train.subset({idx.begin(), idx.begin() + 101});
    const Dataset ref_train = train.subset({idx.begin() + 101, idx.end()});
    const DatasetSplits s = split_with_test_set(train, test, 0.2f, 77);
    QCOMPARE(s.validation.size(), 101);
    QCOMPARE(s.train.features, ref_train.features);
    QCOMPARE(s.train.targets, ref_train.targets);
    QCOMPARE(s.validation.features, ref_val.features);
    QCOMPARE(s.test.features, test.features);
    // a permutation with long and short cycles, then truncation
    Dataset d = train;
    std::vector<int64_t> perm(503);
    for (int64_t i = 0; i < 503; ++i) perm[static_cast<size_t>(i)] = (i * 7 + 3) % 503;
    permute_rows_in_place(d, perm, 400);
    QCOMPARE(d.size(), 400);
    for (int64_t i = 0; i < 400; ++i) {
      QCOMPARE(row(d, i), row(train, perm[static_cast<size_t>(i)]));
      QCOMPARE(*d.target(i), *train.target(perm[static_cast<size_t>(i)]));
    }
  }

  void max_train_caps_validation_in_proportion() {
    DatasetSpec spec = digits_spec();
    spec.validation_fraction = 0.2f;
    spec.max_train = 1000;
    spec.max_test = 300;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 1000);
    QCOMPARE(s.validation.size(), 250);  // 1600 * 1000 / 6400
    QCOMPARE(s.test.size(), 300);
    std::set<std::vector<float>> train_rows;
    for (int64_t i = 0; i < s.train.size(); ++i) train_rows.insert(row(s.train, i));
    for (int64_t i = 0; i < s.validation.size(); ++i)
      QVERIFY(!train_rows.count(row(s.validation, i)));
  }

  void subset_keeps_metadata() {
    Dataset ds;
    ds.name = std::string("subset-source");
    ds.task = TaskKind::Regression;
    ds.sample_shape = Shape{2};
    ds.num_classes = 0;
    ds.target_dim = 2;
    ds.features = {1, 2, 3, 4, 5, 6};
    ds.targets = {10, 20, 30, 40, 50, 60};
    ds.feature_names = {"a", "b"};
    ds.input_mean = {1, 2};
    ds.input_std = {3, 4};
    const Dataset s = ds.subset({2, 0});
    QCOMPARE(s.features, (std::vector<float>{5, 6, 1, 2}));
    QCOMPARE(s.targets, (std::vector<float>{50, 60, 10, 20}));
    QCOMPARE(s.name, ds.name);
    QCOMPARE(s.task, ds.task);
    QCOMPARE(s.target_dim, 2);
    QCOMPARE(s.num_classes, 0);
    QCOMPARE(s.feature_names, ds.feature_names);
    QCOMPARE(s.input_mean, ds.input_mean);
    QCOMPARE(s.input_std, ds.input_std);
  }

  void fashion_mnist_loads_when_installed() {
    DatasetSpec spec;
    spec.source = DatasetSource::FashionMnist;
    spec.validation_fraction = 0.0f;
    spec.normalize = false;
    BP_REQUIRE_ORACLE(
        QFileInfo::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"),
        "Fashion-MNIST", "dataset-fashion-mnist");
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 60000);
    QCOMPARE(s.test.size(), 10000);
    QCOMPARE(s.train.sample_shape, (Shape{1, 28, 28}));
    QCOMPARE(s.train.num_classes, 10);
    QCOMPARE(s.train.class_names[0], std::string("T-shirt/top"));
    QCOMPARE(s.train.class_names[9], std::string("Ankle boot"));
    std::vector<int> counts(10, 0);
    for (float t : s.test.targets) ++counts.at(static_cast<size_t>(t));
    for (int c : counts) QCOMPARE(c, 1000);  // Fashion-MNIST's test set is balanced
  }

  void missing_data_says_where_it_looked() {
    DatasetSpec spec;
    spec.source = DatasetSource::FashionMnist;
    spec.path = "/nonexistent/fashion";
    QCOMPARE(error_of([&] { load_dataset(spec); }),
             std::string("Fashion-MNIST not found at /nonexistent/fashion: install the Debian "
                         "package dataset-fashion-mnist"));
    const std::string msg = error_of([] { find_dataset_folder("no-such-data"); });
    QVERIFY2(msg.find("looked in:") != std::string::npos &&
                 msg.find("datasets/no-such-data") != std::string::npos &&
                 msg.find("BP_DATA_DIR") != std::string::npos,
             msg.c_str());
    qputenv("BP_DATA_DIR", "/tmp/bp-test-data-dir");
    QCOMPARE(dataset_search_paths("mnist-digits").front(),
             std::string("/tmp/bp-test-data-dir/mnist-digits"));
    qunsetenv("BP_DATA_DIR");
    spec.source = DatasetSource::MnistDigits;
    spec.path = "/nonexistent/digits";
    QVERIFY(error_of([&] { load_dataset(spec); }).find("/nonexistent/digits") != std::string::npos);
  }
};

BP_ORACLE_TEST_APPLESS_MAIN(TestLoadDataset)
#include "test_load_dataset.moc"
