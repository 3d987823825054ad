// IDX reader: round trips (plain and gzip), and refusal of corrupt, truncated and inconsistent
// files with messages that name the file and the problem.
#include <QtTest>

#include <zlib.h>
#include <QTemporaryDir>
#include <fstream>
#include <iterator>

#include "engine/core/error.h"
#include "engine/data/dataset_spec.h"
#include "engine/data/idx_reader.h"

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

IdxArray images(int64_t n, int64_t h, int64_t w) {
  IdxArray a;
  a.dims = {n, h, w};
  for (int64_t i = 0; i < n * h * w; ++i) a.data.push_back(static_cast<uint8_t>((i * 37) % 256));
  return a;
}

IdxArray labels(int64_t n) {
  IdxArray a;
  a.dims = {n};
  for (int64_t i = 0; i < n; ++i) a.data.push_back(static_cast<uint8_t>(i % 4));
  return a;
}

std::vector<char> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const std::string& path, const std::vector<char>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

class TestIdxReader : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const std::string& name) { return (dir_.path() + "/").toStdString() + name; }

 private slots:
  void round_trip_plain_and_gzip() {
    const IdxArray a = images(5, 3, 4);
    for (bool gz : {false, true}) {
      const std::string p = path(gz ? "a.idx.gz" : "a.idx");
      write_idx(p, a, gz);
      const IdxArray b = read_idx(p, 3);
      QCOMPARE(b.dims, a.dims);
      QCOMPARE(b.data, a.data);
    }
    const std::vector<char> raw = read_all(path("a.idx.gz"));
    QVERIFY(static_cast<uint8_t>(raw[0]) == 0x1f && static_cast<uint8_t>(raw[1]) == 0x8b);
    QCOMPARE(read_all(path("a.idx")).size(), size_t{16 + 60});
  }

  void images_and_labels_become_a_dataset() {
    IdxArray img = images(6, 2, 3);
    img.data[0] = 255;
    img.data[1] = 0;
    write_idx(path("img.gz"), img, true);
    write_idx(path("lab"), labels(6), false);
    const Dataset ds = read_idx_images_labels(path("img.gz"), path("lab"), "tiny");
    QCOMPARE(ds.size(), 6);
    QCOMPARE(ds.sample_shape, (Shape{1, 2, 3}));
    QCOMPARE(ds.num_classes, 4);
    QCOMPARE(ds.features[0], 1.0f);
    QCOMPARE(ds.features[1], 0.0f);
    QCOMPARE(ds.features[2], static_cast<float>(img.data[2]) / 255.0f);
    QCOMPARE(ds.targets, (std::vector<float>{0, 1, 2, 3, 0, 1}));
  }

  void counts_must_agree() {
    write_idx(path("img6"), images(6, 2, 2), false);
    write_idx(path("lab5"), labels(5), false);
    const std::string msg =
        error_of([&] { read_idx_images_labels(path("img6"), path("lab5"), "x"); });
    QVERIFY2(contains(msg, "holds 6 images but") && contains(msg, "holds 5 labels"), msg.c_str());
    QVERIFY2(contains(msg, path("img6")), msg.c_str());
  }

  void truncated_and_oversized_plain_files_are_refused() {
    write_idx(path("t"), images(4, 5, 5), false);
    std::vector<char> bytes = read_all(path("t"));
    bytes.resize(bytes.size() - 7);
    write_all(path("t"), bytes);
    std::string msg = error_of([&] { read_idx(path("t")); });
    QVERIFY2(contains(msg, path("t")) && contains(msg, "truncated") && contains(msg, "100 bytes"),
             msg.c_str());

    bytes.resize(bytes.size() + 20, 0);  // now 13 bytes too many
    write_all(path("t"), bytes);
    msg = error_of([&] { read_idx(path("t")); });
    QVERIFY2(contains(msg, "inconsistent"), msg.c_str());

    // a header claiming 4 billion images is refused before anything is allocated for them
    bytes = {0, 0, 8, 3, '\xff', '\xff', '\xff', '\xf0', 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};
    write_all(path("huge"), bytes);
    msg = error_of([&] { read_idx(path("huge")); });
    QVERIFY2(contains(msg, "more than 4 GiB"), msg.c_str());
    bytes = {0, 0, 8, 3, 0, 1, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3};  // 65,536 images
    write_all(path("big"), bytes);
    msg = error_of([&] { read_idx(path("big")); });
    QVERIFY2(contains(msg, "truncated") && contains(msg, "51380224 bytes"), msg.c_str());

    bytes = {0, 0, 8};
    write_all(path("short"), bytes);
    QVERIFY(contains(error_of([&] { read_idx(path("short")); }), "no IDX header"));
    write_all(path("hdr"), {0, 0, 8, 3, 0, 0});
    QVERIFY(contains(error_of([&] { read_idx(path("hdr")); }), "truncated inside the IDX header"));
  }

  void truncated_and_inconsistent_gzip_files_are_refused() {
    write_idx(path("g.gz"), images(50, 10, 10), true);
    std::vector<char> bytes = read_all(path("g.gz"));
    std::vector<char> cut(bytes.begin(),
                          bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
    write_all(path("cut.gz"), cut);
    std::string msg = error_of([&] { read_idx(path("cut.gz")); });
    QVERIFY2(
        contains(msg, path("cut.gz")) && (contains(msg, "truncated") || contains(msg, "corrupt")),
        msg.c_str());

    // damaged compressed data (same length, so ISIZE still matches) fails zlib's checks
    std::vector<char> damaged = bytes;
    for (size_t i = damaged.size() / 3; i < damaged.size() / 3 + 8; ++i) damaged[i] ^= 0x5a;
    write_all(path("damaged.gz"), damaged);
    msg = error_of([&] { read_idx(path("damaged.gz")); });
    QVERIFY2(contains(msg, path("damaged.gz")) && contains(msg, "corrupt"), msg.c_str());

    // a gzip stream whose IDX header promises more than the stream holds
    IdxArray lying = images(40, 10, 10);
    write_idx(path("lie"), lying, false);
    std::vector<char> plain = read_all(path("lie"));
    plain[7] = 50;  // the header now says 50 images; the data holds 40
    write_all(path("lie"), plain);
    msg = error_of([&] { read_idx(path("lie")); });
    QVERIFY2(contains(msg, "truncated"), msg.c_str());
    gzFile gz = gzopen(path("lie.gz").c_str(), "wb");
    QVERIFY(gz != nullptr);
    gzwrite(gz, plain.data(), static_cast<unsigned>(plain.size()));
    gzclose(gz);
    msg = error_of([&] { read_idx(path("lie.gz")); });
    QVERIFY2(contains(msg, path("lie.gz")) && contains(msg, "truncated") &&
                 contains(msg, "decompressed stream holds only 4000"),
             msg.c_str());
  }

  void multi_member_gzip_is_read_as_one_stream() {
    // `cat a.gz b.gz`: gunzip reads the concatenation; so do we, split anywhere
    write_idx(path("whole"), images(6, 5, 5), false);
    const std::vector<char> plain = read_all(path("whole"));
    for (const size_t cut : {size_t{3}, size_t{16}, size_t{77}, plain.size() - 1}) {
      std::vector<char> both;
      for (const auto& part : {std::vector<char>(plain.begin(), plain.begin() + cut),
                               std::vector<char>(plain.begin() + cut, plain.end())}) {
        gzFile gz = gzopen(path("part.gz").c_str(), "wb");
        QVERIFY(gz != nullptr);
        gzwrite(gz, part.data(), static_cast<unsigned>(part.size()));
        gzclose(gz);
        const std::vector<char> member = read_all(path("part.gz"));
        both.insert(both.end(), member.begin(), member.end());
      }
      write_all(path("two.gz"), both);
      const IdxArray a = read_idx(path("two.gz"));
      QCOMPARE(a.dims, (std::vector<int64_t>{6, 5, 5}));
      QCOMPARE(a.data, images(6, 5, 5).data);
    }
  }

  void gzip_trailing_garbage_is_refused_and_zero_padding_ignored() {
    write_idx(path("g.gz"), labels(12), true);
    std::vector<char> bytes = read_all(path("g.gz"));
    const size_t end = bytes.size();
    bytes.insert(bytes.end(), {'\0', '\0', '\0'});  // padding, as tar and some tools leave
    write_all(path("pad.gz"), bytes);
    QCOMPARE(read_idx(path("pad.gz")).data, labels(12).data);
    bytes.insert(bytes.end(), {'x', 'y'});
    write_all(path("junk.gz"), bytes);
    const std::string msg = error_of([&] { read_idx(path("junk.gz")); });
    QVERIFY2(contains(msg, path("junk.gz") +
                               ": 5 bytes of trailing garbage after the gzip data "
                               "(from byte " +
                               std::to_string(end)),
             msg.c_str());
  }

  void corrupt_label_bytes_are_reported_as_bad_labels() {
    IdxArray l = labels(20);  // 0..3
    check_labels(l, "l", 0);
    check_labels(l, "l", 4);
    std::string msg = error_of([&] { check_labels(l, "l", 3); });  // 3 is not a class of 3
    QVERIFY2(contains(msg, "l: bad label 3 at sample 3 (byte 11") && contains(msg, "and 4 more") &&
                 contains(msg, "this data set has 3 classes"),
             msg.c_str());
    l.data[7] = 200;
    msg = error_of([&] { check_labels(l, "labels.idx", 0); });
    QVERIFY2(contains(msg, "labels.idx: bad label 200 at sample 7 (byte 15") &&
                 contains(msg, "only 5 of the classes 0..200 occur"),
             msg.c_str());
  }

  void bad_magic_dtype_and_rank_are_refused() {
    write_all(path("text"), {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
    std::string msg = error_of([&] { read_idx(path("text")); });
    QVERIFY2(contains(msg, "not an IDX file"), msg.c_str());

    write_all(path("float"), {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
    msg = error_of([&] { read_idx(path("float")); });
    QVERIFY2(contains(msg, "0x0D (float)") && contains(msg, "only unsigned bytes"), msg.c_str());

    write_idx(path("lab"), labels(3), false);
    msg = error_of([&] { read_idx(path("lab"), 3); });
    QVERIFY2(contains(msg, "has 1 dimensions, expected 3"), msg.c_str());

    write_all(path("zero"), {0, 0, 8, 1, 0, 0, 0, 0});
    QVERIFY(contains(error_of([&] { read_idx(path("zero")); }), "is 0"));
    QVERIFY(contains(error_of([&] { read_idx(path("missing")); }), "cannot open"));
  }

  void idx_folder_loads_with_an_official_test_split() {
    const std::string folder = path("folder");
    QDir().mkpath(QString::fromStdString(folder));
    write_idx(folder + "/train-images-idx3-ubyte.gz", images(40, 4, 4), true);
    write_idx(folder + "/train-labels-idx1-ubyte", labels(40), false);
    write_idx(folder + "/t10k-images.idx3-ubyte", images(8, 4, 4), false);
    write_idx(folder + "/t10k-labels-idx1-ubyte.gz", labels(8), true);
    DatasetSpec spec;
    spec.source = DatasetSource::IdxFolder;
    spec.path = folder;
    spec.validation_fraction = 0.25f;
    spec.normalize = false;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 30);
    QCOMPARE(s.validation.size(), 10);
    QCOMPARE(s.test.size(), 8);
    QCOMPARE(s.test.sample_shape, (Shape{1, 4, 4}));
    QCOMPARE(s.train.num_classes, 4);
    QCOMPARE(s.train.name, std::string("folder"));
    // the official test set is kept in file order
    QCOMPARE(s.test.targets, (std::vector<float>{0, 1, 2, 3, 0, 1, 2, 3}));

    QFile::remove(QString::fromStdString(folder + "/t10k-labels-idx1-ubyte.gz"));
    const std::string msg = error_of([&] { load_dataset(spec); });
    QVERIFY2(contains(msg, "no t10k-labels-idx1-ubyte file"), msg.c_str());
    spec.path = path("nope");
    QVERIFY(contains(error_of([&] { load_dataset(spec); }), "does not exist"));
  }
};

QTEST_APPLESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
