#pragma once
// How the bad-input table (tests/cli/test_cli_bad_input.cpp) builds its inputs: a folder per
// row, projects edited from the examples as JSON (with raw number text such as 1e999 that a JSON
// library cannot hold), CSV and IDX files, gzip members.
#include <QFile>
#include <QString>

#include <functional>
#include <string>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include "engine/data/idx_reader.h"
#include "tests/cli/cli_runner.h"

namespace bp::test::bad_input {

using json = nlohmann::json;

// A folder for one row's files.
struct Dir {
  QString root;
  QString path(const QString& name) const { return root + "/" + name; }
  QString write(const QString& name, const std::string& bytes) const {
    QFile f(path(name));
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path(name)));
    f.write(bytes.data(), static_cast<qint64>(bytes.size()));
    return path(name);
  }
};

inline std::string read_file(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  const QByteArray b = f.readAll();
  return {b.constData(), static_cast<size_t>(b.size())};
}

// A string value "@RAW:text@" in a project becomes the bare JSON text `text` (numbers nlohmann
// cannot hold, such as 1e999).
inline std::string raw(const std::string& text) {
  return "@RAW:" + text + "@";
}
inline std::string dump_with_raw(const json& j) {
  std::string s = j.dump(1);
  for (size_t at = s.find("\"@RAW:"); at != std::string::npos; at = s.find("\"@RAW:")) {
    const size_t end = s.find("@\"", at);
    s = s.substr(0, at) + s.substr(at + 6, end - at - 6) + s.substr(end + 2);
  }
  return s;
}

inline json example(const char* name) {
  return json::parse(read_file(example_path(name)));
}

// The XOR example (2 inputs, Linear 8 Tanh, Linear 2), edited.
inline std::string xor_project(const std::function<void(json&)>& edit) {
  json j = example("xor");
  j["training"]["epochs"] = 2;
  edit(j);
  return dump_with_raw(j);
}

// An MLP Input (inputs) -> Linear 8 Tanh -> Linear (outputs) on a CSV file.
inline json csv_project(const QString& csv, int inputs, int outputs, const char* task) {
  json j = example("xor");
  j["network"]["nodes"][0]["params"]["input_shape"] = {inputs};
  j["network"]["nodes"][2]["params"]["out_features"] = outputs;
  j["training"]["epochs"] = 3;
  j["training"]["loss"] = std::string(task) == "regression" ? "MSELoss" : "CrossEntropyLoss";
  j["dataset"] = {{"source", "csv"}, {"path", csv.toStdString()}, {"task", task}};
  j.erase("expected_test_accuracy");
  return j;
}

// An MNIST-style folder of 8x8 images: `train` and `test` samples, labels cycling 0..2.
inline void write_idx_folder(const Dir& d, const QString& folder, int train, int test) {
  QDir().mkpath(d.path(folder));
  for (const auto& [prefix, n] : {std::pair{"train", train}, std::pair{"t10k", test}}) {
    IdxArray images{{n, 8, 8}, {}}, labels{{n}, {}};
    for (int i = 0; i < n * 64; ++i) images.data.push_back(static_cast<uint8_t>(i * 7));
    for (int i = 0; i < n; ++i) labels.data.push_back(static_cast<uint8_t>(i % 3));
    const std::string base = d.path(folder).toStdString() + "/" + prefix;
    write_idx(base + "-images-idx3-ubyte", images, false);
    write_idx(base + "-labels-idx1-ubyte", labels, false);
  }
}

// Input (1, 8, 8) -> Flatten -> Linear 3 on an IDX folder.
inline std::string idx_project(const QString& folder) {
  json j = example("xor");
  j["network"]["nodes"][0]["params"]["input_shape"] = {1, 8, 8};
  j["network"]["nodes"][1] = {{"id", 2}, {"kind", "Flatten"}, {"name", "flat"}};
  j["network"]["nodes"][2]["params"]["out_features"] = 3;
  j["training"]["epochs"] = 1;
  j["dataset"] = {{"source", "idx-folder"}, {"path", folder.toStdString()}};
  j.erase("expected_test_accuracy");
  return j.dump(1);
}

// One gzip member holding `plain`.
inline std::string gzip_bytes(const std::string& plain) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) qFatal("zlib");
  std::string out(deflateBound(&zs, static_cast<uLong>(plain.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zs.avail_in = static_cast<uInt>(plain.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) qFatal("zlib deflate");
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace bp::test::bad_input
