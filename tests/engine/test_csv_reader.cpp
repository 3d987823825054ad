// CSV import: a good file (classification and regression), label column choice, quoting, and each
// refused file with the message a user sees.
#include <QtTest>

#include <QTemporaryDir>
#include <fstream>

#include "engine/core/error.h"
#include "engine/data/csv_reader.h"
#include "engine/data/dataset_spec.h"

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

}  // namespace

class TestCsvReader : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = (dir_.path() + "/").toStdString() + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

 private slots:
  void string_labels_become_indices_in_order_of_appearance() {
    const std::string path = std::string(BP_SOURCE_DIR) + "/tests/data/iris_small.csv";
    const Dataset ds = read_csv_dataset(path, "", TaskKind::Classification);
    QCOMPARE(ds.name, std::string("iris_small.csv"));
    QCOMPARE(ds.size(), 6);
    QCOMPARE(ds.sample_shape, (Shape{4}));
    QCOMPARE(ds.num_classes, 3);
    QCOMPARE(ds.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
    QCOMPARE(ds.targets, (std::vector<float>{0, 1, 2, 0, 1, 2}));
    QCOMPARE(ds.feature_names.size(), size_t{4});
    QCOMPARE(ds.feature_names[3], std::string("petal_width"));
    QCOMPARE(ds.sample(1)[2], 4.7f);
    QCOMPARE(ds.sample(5)[0], 5.8f);
  }

  void integer_labels_by_name_and_first_appearance() {
    const std::string path = write("ints.csv", "a,label,b\n1,7,2\n3,2,4\n5,7,6\n-1e-3,0,+8\n");
    const Dataset ds = read_csv_dataset(path, "label", TaskKind::Classification);
    QCOMPARE(ds.sample_shape, (Shape{2}));
    QCOMPARE(ds.feature_names, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(ds.class_names, (std::vector<std::string>{"7", "2", "0"}));
    QCOMPARE(ds.targets, (std::vector<float>{0, 1, 0, 2}));
    QCOMPARE(ds.features, (std::vector<float>{1, 2, 3, 4, 5, 6, -1e-3f, 8}));
  }

  void regression_quotes_crlf_and_blank_lines() {
    const std::string path = write("reg.csv", "\"x, first\",y\r\n 1.5 ,\"2.25\"\r\n\r\n-3,4e1\r\n");
    const Dataset ds = read_csv_dataset(path, "", TaskKind::Regression);
    QCOMPARE(ds.task, TaskKind::Regression);
    QCOMPARE(ds.feature_names, (std::vector<std::string>{"x, first"}));
    QCOMPARE(ds.features, (std::vector<float>{1.5f, -3.0f}));
    QCOMPARE(ds.targets, (std::vector<float>{2.25f, 40.0f}));
    QCOMPARE(ds.num_classes, 0);
    QCOMPARE(ds.target_dim, 1);
  }

  void semicolons_and_tabs_are_detected_from_the_header() {
    const Dataset semi = read_csv_dataset(write("semi.csv", "a;b;label\n1.5;2;x\n3;4;y\n"), "",
                                          TaskKind::Classification);
    QCOMPARE(semi.features, (std::vector<float>{1.5f, 2, 3, 4}));
    QCOMPARE(semi.class_names, (std::vector<std::string>{"x", "y"}));
    const Dataset tab =
        read_csv_dataset(write("tab.tsv", "a\tb\n1\t2\n"), "", TaskKind::Regression);
    QCOMPARE(tab.features, (std::vector<float>{1}));
    QCOMPARE(tab.targets, (std::vector<float>{2}));
  }

  void bad_number_names_file_line_and_column() {
    std::string text = "sepal_length,sepal_width,petal_width,species\n";
    for (int i = 0; i < 10; ++i) text += "1,2,3,a\n";  // lines 2..11
    text += "1,2,abc,b\n";                             // line 12
    const std::string path = write("data.csv", text);
    const std::string msg =
        error_of([&] { read_csv_dataset(path, "species", TaskKind::Classification); });
    QVERIFY2(msg == path + " line 12, column 3 ('petal_width'): 'abc' is not a number",
             msg.c_str());
  }

  void regression_label_must_be_numeric() {
    const std::string path = write("reglabel.csv", "x,y\n1,2\n3,high\n");
    const std::string msg = error_of([&] { read_csv_dataset(path, "", TaskKind::Regression); });
    QVERIFY2(msg.find("line 3, column 2 ('y'): 'high' is not a number") != std::string::npos,
             msg.c_str());
  }

  void ragged_rows_are_refused() {
    const std::string path = write("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
    const std::string msg = error_of([&] { read_csv_table(path); });
    QVERIFY2(msg.find("line 3: 2 cells, but the header has 3 columns") != std::string::npos,
             msg.c_str());
  }

  void empty_and_header_only_files_are_refused() {
    const std::string empty = write("empty.csv", "");
    QVERIFY(error_of([&] { read_csv_table(empty); }).find("the file is empty") !=
            std::string::npos);
    const std::string blank = write("blank.csv", "\n  \n");
    QVERIFY(error_of([&] { read_csv_table(blank); }).find("the file is empty") !=
            std::string::npos);
    const std::string header = write("header.csv", "a,b\n");
    QVERIFY(error_of([&] { read_csv_table(header); }).find("no data rows") != std::string::npos);
  }

  void unknown_label_column_lists_the_columns() {
    const std::string path = write("cols.csv", "a,b\n1,2\n");
    const std::string msg =
        error_of([&] { read_csv_dataset(path, "species", TaskKind::Classification); });
    QVERIFY2(msg == path + ": no column named 'species' (columns: 'a', 'b')", msg.c_str());
  }

  void other_refusals() {
    QVERIFY(error_of([&] { read_csv_table("/nonexistent/x.csv"); }).find("cannot open") !=
            std::string::npos);
    const std::string one = write("one.csv", "a\n1\n");
    QVERIFY(error_of([&] {
              read_csv_dataset(one, "", TaskKind::Classification);
            }).find("at least two columns") != std::string::npos);
    const std::string empty_cell = write("cell.csv", "a,b\n,1\n");
    QVERIFY(error_of([&] {
              read_csv_dataset(empty_cell, "", TaskKind::Classification);
            }).find("line 2, column 1 ('a'): the cell is empty") != std::string::npos);
    const std::string nan = write("nan.csv", "a,b\nnan,1\n");
    QVERIFY(error_of([&] {
              read_csv_dataset(nan, "", TaskKind::Classification);
            }).find("'nan' is not a finite number") != std::string::npos);
    const std::string quote = write("quote.csv", "a,b\n\"1,1\n");
    QVERIFY(error_of([&] { read_csv_table(quote); }).find("line 2: a quoted cell is not closed") !=
            std::string::npos);
    const std::string trailing = write("trail.csv", "a,b\n1x,1\n");
    QVERIFY(error_of([&] {
              read_csv_dataset(trailing, "", TaskKind::Classification);
            }).find("'1x' is not a number") != std::string::npos);
  }

  void load_dataset_reads_csv() {
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = std::string(BP_SOURCE_DIR) + "/tests/data/iris_small.csv";
    spec.label_column = "species";
    spec.train_fraction = 0.5f;
    spec.validation_fraction = 0.0f;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.size(), 3);
    QCOMPARE(s.test.size(), 3);
    QCOMPARE(s.validation.size(), 0);
    QCOMPARE(s.train.num_classes, 3);
    spec.path.clear();
    QVERIFY(error_of([&] { load_dataset(spec); }).find("no file chosen") != std::string::npos);
  }

  void several_target_columns_become_regression_targets() {
    // targets in the order named (y2 before y1), features the remaining columns in file order
    const std::string path = write("multi.csv", "y1,a,y2,b\n1,10,2,20\n3,30,4,40\n5,50,6,60\n");
    const Dataset ds =
        read_csv_dataset(path, std::vector<std::string>{"y2", "y1"}, TaskKind::Regression);
    QCOMPARE(ds.size(), 3);
    QCOMPARE(ds.target_dim, 2);
    QCOMPARE(ds.sample_shape, (Shape{2}));
    QCOMPARE(ds.feature_names, (std::vector<std::string>{"a", "b"}));
    QCOMPARE(ds.features, (std::vector<float>{10, 20, 30, 40, 50, 60}));
    QCOMPARE(ds.targets, (std::vector<float>{2, 1, 4, 3, 6, 5}));

    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = path;
    spec.csv_task = TaskKind::Regression;
    spec.target_columns = {"y1", "y2"};
    spec.train_fraction = 1.0f;
    spec.validation_fraction = 0.0f;
    const DatasetSplits s = load_dataset(spec);
    QCOMPARE(s.train.target_dim, 2);
    QCOMPARE(s.train.size(), 3);

    std::string msg = error_of([&] {
      read_csv_dataset(path, std::vector<std::string>{"y1", "y9"}, TaskKind::Regression);
    });
    QVERIFY2(msg.find("no column named 'y9'") != std::string::npos, msg.c_str());
    msg = error_of([&] {
      read_csv_dataset(path, std::vector<std::string>{"y1", "y1"}, TaskKind::Regression);
    });
    QVERIFY2(msg.find("'y1' is named twice") != std::string::npos, msg.c_str());
    msg = error_of([&] {
      read_csv_dataset(path, std::vector<std::string>{"y1", "y2"}, TaskKind::Classification);
    });
    QVERIFY2(msg.find("need \"task\": \"regression\"") != std::string::npos, msg.c_str());
    spec.label_column = "y1";
    msg = error_of([&] { load_dataset(spec); });
    QVERIFY2(msg.find("not both") != std::string::npos, msg.c_str());
  }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "test_csv_reader.moc"
