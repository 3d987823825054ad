// The bad-input table of docs/robustness.md, end to end through the `backprop` executable: each
// row writes its input (project, CSV, IDX files) into a fresh folder, runs one command and checks
// the exit status and that stderr says what the table says. No row may crash, hang, or print
// "internal error". Keep this table and the document's in the same order.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/cli/bad_input_fixtures.h"
#include "tests/cli/cli_runner.h"

using namespace bp;
using namespace bp::test;
using json = nlohmann::json;

namespace {

using namespace bp::test::bad_input;

struct Case {
  const char* name;
  // Writes the row's files; returns the command line.
  std::function<QStringList(const Dir&)> setup;
  int exit_code;
  std::vector<const char*> stderr_has;  // each must appear in stderr
};

QStringList train(const QString& project, const Dir& d) {
  return {"train", project, "--out", d.path("out"), "--quiet"};
}

const std::vector<Case>& cases() {
  static const std::vector<Case> table = {
      // ---- the command line
      {"no arguments", [](const Dir&) { return QStringList{}; }, 2, {"usage: backprop"}},
      {"unknown command",
       [](const Dir&) {
         return QStringList{"fly", "x.json"};
       },
       2,
       {"unknown command 'fly'"}},
      {"train without a project",
       [](const Dir&) { return QStringList{"train"}; },
       2,
       {"missing PROJECT"}},
      {"unknown option",
       [](const Dir&) {
         return QStringList{"train", example_path("xor"), "--epoch", "3"};
       },
       2,
       {"--epoch"}},
      {"--epochs 0",
       [](const Dir&) {
         return QStringList{"train", example_path("xor"), "--epochs", "0"};
       },
       2,
       {"--epochs must be between 1 and"}},
      {"--epochs not a number",
       [](const Dir&) {
         return QStringList{"train", example_path("xor"), "--epochs", "ten"};
       },
       2,
       {"--epochs expects an integer, got 'ten'"}},
      {"--threads 0",
       [](const Dir&) {
         return QStringList{"train", example_path("xor"), "--threads", "0"};
       },
       2,
       {"--threads must be between 1 and 256"}},
      {"--backend tpu",
       [](const Dir&) {
         return QStringList{"train", example_path("xor"), "--backend", "tpu"};
       },
       2,
       {"--backend must be cpu, cuda or auto, got 'tpu'"}},
      {"evaluate --split dev",
       [](const Dir&) {
         return QStringList{"evaluate", example_path("xor"), "--split", "dev"};
       },
       2,
       {"--split must be test, validation or train"}},
      {"--out is a file",
       [](const Dir& d) {
         d.write("out", "x");
         return QStringList{"train", example_path("xor"), "--out", d.path("out"), "--quiet"};
       },
       2,
       {"out"}},
      // ---- the project file
      {"project file missing",
       [](const Dir& d) { return train(d.path("none.json"), d); },
       2,
       {"none.json"}},
      {"project is a folder", [](const Dir& d) { return train(d.root, d); }, 2, {"folder"}},
      {"project file empty",
       [](const Dir& d) { return train(d.write("p.json", ""), d); },
       2,
       {"p.json: line 1, column 1: not valid JSON"}},
      {"project JSON malformed",
       [](const Dir& d) { return train(d.write("p.json", "{\n  \"version\": 1,\n}\n"), d); },
       2,
       {"p.json: line 3, column 1: not valid JSON"}},
      {"project is a JSON array",
       [](const Dir& d) { return train(d.write("p.json", "[1]"), d); },
       2,
       {"not a Backprop Studio project", "got an array"}},
      {"unknown top-level key",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) { j["netwrok"] = 1; })), d);
       },
       2,
       {"unknown key 'netwrok' (did you mean 'network'?)"}},
      {"format version 99",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) { j["version"] = 99; })), d);
       },
       2,
       {"version"}},
      {"lr 1e999 (beyond double)",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) {
                                j["training"]["optimizer"]["lr"] = raw("1e999");
                              })),
                      d);
       },
       2,
       {"p.json: training.optimizer.lr: the number 1e999 is too large"}},
      {"lr 1e39 (beyond float)",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) {
                                j["training"]["optimizer"]["lr"] = raw("1e39");
                              })),
                      d);
       },
       2,
       {"p.json: training.optimizer.lr: the number", "too large for a 32-bit float"}},
      {"lr a string",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) {
                                j["training"]["optimizer"]["lr"] = "fast";
                              })),
                      d);
       },
       2,
       {"training.optimizer.lr: expected a number, got \"fast\""}},
      {"epochs 0 in the project",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) { j["training"]["epochs"] = 0; })),
                      d);
       },
       2,
       {"training.epochs: 0 epochs would write an untrained model"}},
      {"epochs negative",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) { j["training"]["epochs"] = -5; })),
                      d);
       },
       2,
       {"training.epochs: the value -5 is out of range"}},
      {"batch_size 0",
       [](const Dir& d) {
         return train(
             d.write("p.json", xor_project([](json& j) { j["training"]["batch_size"] = 0; })), d);
       },
       2,
       {"training.batch_size"}},
      {"optimizer kind misspelt",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) {
                                j["training"]["optimizer"]["kind"] = "Adamm";
                              })),
                      d);
       },
       2,
       {"unknown name 'Adamm' (did you mean 'Adam'?)"}},
      {"layer kind unknown",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) {
                                j["network"]["nodes"][1]["kind"] = "Dense";
                              })),
                      d);
       },
       2,
       {"unknown name 'Dense'"}},
      {"input_shape [1e10, 1e10]",
       [](const Dir& d) {
         return QStringList{
             "info", d.write("p.json", xor_project([](json& j) {
                               j["network"]["nodes"][0]["params"]["input_shape"] = {1e10, 1e10};
                             }))};
       },
       2,
       {"input_shape: the dimension 10000000000 is too large"}},
      {"input_shape [0]",
       [](const Dir& d) {
         return QStringList{"info",
                            d.write("p.json", xor_project([](json& j) {
                                      j["network"]["nodes"][0]["params"]["input_shape"] = {0};
                                    }))};
       },
       2,
       {"input_shape: the dimension 0 must be positive"}},
      {"info: network needs petabytes",
       [](const Dir& d) {
         return QStringList{
             "info",
             d.write("p.json", xor_project([](json& j) {
                       j["network"]["nodes"][0]["params"]["input_shape"] = {100000, 100000, 100000};
                       j["network"]["nodes"][1] = {{"id", 2}, {"kind", "Flatten"}, {"name", "f"}};
                     }))};
       },
       2,
       {"the network needs about", "PB of memory", "is available"}},
      {"train: network needs petabytes",
       [](const Dir& d) {
         return train(
             d.write("p.json", xor_project([](json& j) {
                       j["network"]["nodes"][0]["params"]["input_shape"] = {100000, 100000, 100000};
                       j["network"]["nodes"][1] = {{"id", 2}, {"kind", "Flatten"}, {"name", "f"}};
                     })),
             d);
       },
       2,
       {"the network needs about", "PB", "is available"}},
      {"train: batch too large for memory",
       [](const Dir& d) {
         return train(d.write("p.json", xor_project([](json& j) {
                                j["network"]["nodes"][0]["params"]["input_shape"] = {1000000};
                                j["training"]["batch_size"] = 100000000;
                              })),
                      d);
       },
       2,
       {"the network needs about", "a smaller training.batch_size"}},
      {"info: more parameters than int64 holds",
       [](const Dir& d) {
         return QStringList{
             "info",
             d.write(
                 "p.json", xor_project([](json& j) {
                   j["network"]["nodes"][0]["params"]["input_shape"] = {1000000, 1000000, 1000000};
                   j["network"]["nodes"][1] = {{"id", 2}, {"kind", "Flatten"}, {"name", "f"}};
                   j["network"]["nodes"][2]["params"]["out_features"] = 100000;
                 }))};
       },
       2,
       {"fc2 (Linear): too large: more than 9.2e18 parameters"}},
      {"Linear fed an image",
       [](const Dir& d) {
         return QStringList{"info",
                            d.write("p.json", xor_project([](json& j) {
                                      j["network"]["nodes"][0]["params"]["input_shape"] = {1, 4, 4};
                                    }))};
       },
       2,
       {"the network is not valid", "Flatten"}},
      {"weights of 1e39",
       [](const Dir& d) {
         json j = json::parse(read_file(example_path("xor")));
         j["weights"]["fc2.bias"] = {{"shape", {2}}, {"data", {raw("1e39"), 0}}};
         return QStringList{"evaluate", d.write("p.json", dump_with_raw(j))};
       },
       2,
       {"weights.fc2.bias.data: element 0: the number", "too large for a 32-bit float"}},
      {"weights of the wrong shape",
       [](const Dir& d) {
         json j = json::parse(read_file(example_path("xor")));
         j["weights"]["fc2.bias"] = {{"shape", {3}}, {"data", {1, 2, 3}}};
         return QStringList{"evaluate", d.write("p.json", j.dump())};
       },
       2,
       {"weights.fc2.bias", "size mismatch"}},
      {"weights of an unknown parameter",
       [](const Dir& d) {
         json j = json::parse(read_file(example_path("xor")));
         j["weights"]["fc9.bias"] = {{"shape", {2}}, {"data", {1, 2}}};
         return QStringList{"evaluate", d.write("p.json", j.dump())};
       },
       2,
       {"the network has no parameter named 'fc9.bias'"}},
      {"evaluate without weights",
       [](const Dir&) {
         return QStringList{"evaluate", example_path("xor")};
       },
       2,
       {"the project has no trained weights"}},
      {"weights whose outputs overflow",
       [](const Dir& d) {
         // sine: 1 -> 32 Tanh -> 32 Tanh -> 1; every output unit sums 32 tanh values x 3e38
         json j = json::parse(read_file(example_path("sine")));
         auto tensor = [](std::vector<int> shape, double value) {
           size_t n = 1;
           for (int s : shape) n *= static_cast<size_t>(s);
           return json{{"shape", shape}, {"data", std::vector<double>(n, value)}};
         };
         j["weights"] = {{"fc1.weight", tensor({32, 1}, 0.5)},  {"fc1.bias", tensor({32}, 0.1)},
                         {"fc2.weight", tensor({32, 32}, 0.5)}, {"fc2.bias", tensor({32}, 0.1)},
                         {"fc3.weight", tensor({1, 32}, 3e38)}, {"fc3.bias", tensor({1}, 0.0)}};
         return QStringList{"evaluate", d.write("p.json", j.dump())};
       },
       1,
       {"the stored weights give a loss that is not finite on the test split"}},
      // ---- CSV data
      {"CSV file missing",
       [](const Dir& d) {
         return train(
             d.write("p.json", csv_project(d.path("none.csv"), 2, 2, "classification").dump()), d);
       },
       2,
       {"none.csv: cannot open the file"}},
      {"CSV ragged row",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "a,b,label\n1,2,x\n3,4\n");
         return train(d.write("p.json", csv_project(csv, 2, 2, "classification").dump()), d);
       },
       2,
       {"d.csv line 3: 2 cells, but the header has 3 columns (ragged row)"}},
      {"CSV cell not a number",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "a,b,label\n1,2,x\n3,abc,y\n");
         return train(d.write("p.json", csv_project(csv, 2, 2, "classification").dump()), d);
       },
       2,
       {"d.csv line 3, column 2 ('b'): 'abc' is not a number"}},
      {"CSV number beyond float",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "a,b,label\n1,2,x\n3,1e39,y\n");
         return train(d.write("p.json", csv_project(csv, 2, 2, "classification").dump()), d);
       },
       2,
       {"d.csv line 3, column 2 ('b'): '1e39' is out of range for a float"}},
      {"CSV label column unknown",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "a,b,label\n1,2,x\n3,4,y\n");
         json j = csv_project(csv, 2, 2, "classification");
         j["dataset"]["label_column"] = "species";
         return train(d.write("p.json", j.dump()), d);
       },
       2,
       {"no column named 'species' (columns: 'a', 'b', 'label')"}},
      {"CSV: empty training split",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n");
         json j = csv_project(csv, 2, 2, "classification");
         j["dataset"]["train_fraction"] = 0.1;
         j["dataset"]["validation_fraction"] = 0.0;
         return train(d.write("p.json", j.dump()), d);
       },
       2,
       {"the training split is empty (the data set has 3 samples in all)"}},
      {"CSV: one-sample splits warn",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n");
         json j = csv_project(csv, 2, 2, "classification");
         j["dataset"]["train_fraction"] = 0.5;
         j["dataset"]["validation_fraction"] = 0.25;
         return train(d.write("p.json", j.dump()), d);
       },
       0,
       {"note: ", "the validation split holds a single sample",
        "the test split holds a single sample"}},
      {"CSV: 3 targets, 2 outputs",
       [](const Dir& d) {
         std::string rows = "x,y1,y2,y3\n";
         for (int i = 0; i < 20; ++i) rows += std::to_string(i) + ",1,2,3\n";
         const QString csv = d.write("d.csv", rows);
         json j = csv_project(csv, 1, 2, "regression");
         j["dataset"]["target_columns"] = {"y1", "y2", "y3"};
         return train(d.write("p.json", j.dump()), d);
       },
       2,
       {"the data set 'd.csv' has 3 target columns but the network ends in 2 outputs",
        "set the last layer's out_features to 3"}},
      {"CSV: several targets for classification",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "x,y1,y2\n1,2,3\n2,3,4\n");
         json j = csv_project(csv, 1, 2, "classification");
         j["dataset"]["target_columns"] = {"y1", "y2"};
         return train(d.write("p.json", j.dump()), d);
       },
       2,
       {"2 target columns need \"task\": \"regression\""}},
      {"CSV: target_columns and label_column",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "x,y1,y2\n1,2,3\n2,3,4\n");
         json j = csv_project(csv, 1, 2, "regression");
         j["dataset"]["target_columns"] = {"y1", "y2"};
         j["dataset"]["label_column"] = "y1";
         return train(d.write("p.json", j.dump()), d);
       },
       2,
       {"dataset.target_columns: set either label_column or target_columns, not both"}},
      {"CSV: every column a target",
       [](const Dir& d) {
         const QString csv = d.write("d.csv", "y1,y2\n1,2\n2,3\n");
         json j = csv_project(csv, 1, 2, "regression");
         j["dataset"]["target_columns"] = {"y1", "y2"};
         return train(d.write("p.json", j.dump()), d);
       },
       2,
       {"all 2 columns are targets"}},
      // ---- IDX data
      {"IDX folder missing",
       [](const Dir& d) { return train(d.write("p.json", idx_project(d.path("nowhere"))), d); },
       2,
       {"nowhere: the IDX folder does not exist"}},
      {"IDX label byte corrupt",
       [](const Dir& d) {
         write_idx_folder(d, "idx", 40, 10);
         std::string labels = read_file(d.path("idx/train-labels-idx1-ubyte"));
         labels[8 + 5] = static_cast<char>(255);
         d.write("idx/train-labels-idx1-ubyte", labels);
         return train(d.write("p.json", idx_project(d.path("idx"))), d);
       },
       2,
       {"train-labels-idx1-ubyte: bad label 255 at sample 5 (byte 13", "probably corrupt"}},
      {"IDX images truncated",
       [](const Dir& d) {
         write_idx_folder(d, "idx", 40, 10);
         std::string images = read_file(d.path("idx/t10k-images-idx3-ubyte"));
         d.write("idx/t10k-images-idx3-ubyte", images.substr(0, images.size() - 10));
         return train(d.write("p.json", idx_project(d.path("idx"))), d);
       },
       2,
       {"t10k-images-idx3-ubyte: the header says 640 bytes of data but the file is truncated"}},
      {"IDX counts disagree",
       [](const Dir& d) {
         write_idx_folder(d, "idx", 40, 10);
         write_idx_folder(d, "other", 30, 10);
         QFile::remove(d.path("idx/train-labels-idx1-ubyte"));
         QFile::copy(d.path("other/train-labels-idx1-ubyte"),
                     d.path("idx/train-labels-idx1-ubyte"));
         return train(d.write("p.json", idx_project(d.path("idx"))), d);
       },
       2,
       {"holds 40 images but", "holds 30 labels"}},
      {"IDX gzip with trailing garbage",
       [](const Dir& d) {
         write_idx_folder(d, "idx", 40, 10);
         const std::string gz = gzip_bytes(read_file(d.path("idx/t10k-labels-idx1-ubyte")));
         QFile::remove(d.path("idx/t10k-labels-idx1-ubyte"));
         d.write("idx/t10k-labels-idx1-ubyte.gz", gz + "JUNK");
         return train(d.write("p.json", idx_project(d.path("idx"))), d);
       },
       2,
       {"t10k-labels-idx1-ubyte.gz: 4 bytes of trailing garbage after the gzip data"}},
      {"IDX gzip of two members trains",
       [](const Dir& d) {
         write_idx_folder(d, "idx", 40, 10);
         const std::string plain = read_file(d.path("idx/t10k-images-idx3-ubyte"));
         // two gzip members, split inside the data: what `cat a.gz b.gz` makes
         const std::string two = gzip_bytes(plain.substr(0, 100)) + gzip_bytes(plain.substr(100));
         QFile::remove(d.path("idx/t10k-images-idx3-ubyte"));
         d.write("idx/t10k-images-idx3-ubyte.gz", two);
         return train(d.write("p.json", idx_project(d.path("idx"))), d);
       },
       0,
       {}},
  };
  return table;
}

}  // namespace

class TestCliBadInput : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY2(QFile::exists(backprop_path()), qPrintable(backprop_path())); }

  void table_has_forty_rows() { QVERIFY(cases().size() >= 40); }

  void info_prints_the_memory_estimate() {
    const CliResult r = run_cli({"info", example_path("lenet5-digits")});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    // LeNet-5: 61,706 parameters x 4 copies x 4 bytes = 987 kB
    QVERIFY2(r.out.contains(QRegularExpression(
                 "memory to train at batch size \\d+: about [0-9.]+ [kM]B \\(weights, gradients "
                 "and optimizer state 987 kB; activations [0-9.]+ [kM]B\\); available: ")),
             qPrintable(describe(r)));
  }

  void each_bad_input_gets_its_message_and_exit_code_data() {
    QTest::addColumn<int>("row");
    for (size_t i = 0; i < cases().size(); ++i)
      QTest::newRow(cases()[i].name) << static_cast<int>(i);
  }
  void each_bad_input_gets_its_message_and_exit_code() {
    QFETCH(int, row);
    const Case& c = cases()[static_cast<size_t>(row)];
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QStringList args = c.setup(Dir{tmp.path()});
    const CliResult r = run_cli(args, 120000);
    QVERIFY2(!r.crashed && r.exit_code == c.exit_code, qPrintable(describe(r)));
    QVERIFY2(!r.err.contains("internal error"), qPrintable(describe(r)));
    for (const char* part : c.stderr_has)
      QVERIFY2(r.err.contains(QString::fromUtf8(part)),
               qPrintable(QString("stderr lacks \"%1\"\n%2").arg(part, describe(r))));
    if (c.exit_code != 0)
      QVERIFY2(r.err.startsWith("backprop: ") || r.err.startsWith("usage"),
               qPrintable(describe(r)));
    append_table_row(row, c, args, r, tmp.path());
  }

 private:
  // With BP_ROBUSTNESS_TABLE=FILE, each row appends its Markdown line for docs/robustness.md
  // (the command and what it printed, with the temporary folder written as DIR).
  static void append_table_row(int row, const Case& c, const QStringList& args, const CliResult& r,
                               const QString& dir) {
    const QString out = qEnvironmentVariable("BP_ROBUSTNESS_TABLE");
    if (out.isEmpty()) return;
    auto clean = [&](QString s) {
      s.replace(dir, "DIR").replace(QString(BP_SOURCE_DIR) + "/", "").replace('|', "\\|");
      return s.trimmed().replace('\n', "<br>");
    };
    QStringList shown = args;
    if (!shown.isEmpty()) shown.prepend("backprop");
    QFile f(out);
    if (!f.open(QIODevice::Append)) return;
    f.write(QString("| %1 | %2 | `%3` | %4 | %5 |\n")
                .arg(row + 1)
                .arg(QString::fromUtf8(c.name), clean(shown.join(' ')))
                .arg(r.exit_code)
                .arg(clean(c.exit_code == 2 && r.err.startsWith("usage")
                               ? r.err.section('\n', 0, 0) + " …"
                               : r.err.left(600)))
                .toUtf8());
  }
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "test_cli_bad_input.moc"
