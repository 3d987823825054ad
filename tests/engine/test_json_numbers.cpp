// Numbers a project cannot hold: beyond double (1e999, which the JSON parser rejects), beyond
// float32 (1e39), and sizes written as floats; every message names the JSON path.
#include <QtTest>

#include "engine/core/error.h"
#include "engine/io/json_reader.h"

using namespace bp;
using namespace bp::io;

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

class TestJsonNumbers : public QObject {
  Q_OBJECT
 private slots:
  void overflow_beyond_double_names_path_line_and_column() {
    std::string msg = error_of([] { parse_json_text("{\"a\": {\"lr\": 1e999}}", "p.json"); });
    QCOMPARE(msg, std::string("p.json: a.lr: the number 1e999 is too large (line 1, column 14; "
                              "numbers must fit a 32-bit float, at most about 3.4e38)"));
    // inside arrays: the element's index, counted over values of every kind
    msg = error_of([] {
      parse_json_text("{\"w\": {\"t\": {\"data\": [1, \"x\", [2], {\"k\": 3},\n -2e400]}}}",
                      "p.json");
    });
    QVERIFY2(msg.find("p.json: w.t.data[4]: the number -2e400 is too large (line 2, column 2") == 0,
             msg.c_str());
    msg = error_of([] { parse_json_text("[[1e309]]", "p.json"); });
    QVERIFY2(msg.find("p.json: [0][0]: the number 1e309") == 0, msg.c_str());
    msg = error_of([] { parse_json_text("1e999", "p.json"); });
    QVERIFY2(msg.find("p.json: (top level): the number 1e999") == 0, msg.c_str());
  }

  void beyond_float_is_refused_with_the_path() {
    const json v = parse_json_text("{\"lr\": 1e39, \"ok\": 3.4e38, \"neg\": -1e39}", "p.json");
    const JsonObject o(v, "p.json", "training", {"lr", "ok", "neg"});
    QCOMPARE(o.get_float("ok", 0.0f), 3.4e38f);
    std::string msg = error_of([&] { o.get_float("lr", 0.0f); });
    QVERIFY2(msg.find("p.json: training.lr: the number 1e+39 is too large for a 32-bit float") == 0,
             msg.c_str());
    msg = error_of([&] { o.get_float("neg", 0.0f); });
    QVERIFY2(msg.find("too large for a 32-bit float") != std::string::npos, msg.c_str());
    QCOMPARE(float_range_problem(json(1.0)), std::string());
    QVERIFY(!float_range_problem(json("x")).empty());
  }

  void whole_floats_read_as_integers_and_huge_ones_are_too_large() {
    const json v = parse_json_text(
        "{\"s\": [1e3, 28, 2.0], \"big\": [1e17], \"half\": [2.5], "
        "\"u\": [18446744073709551615], \"names\": [\"a\", \"b\"]}",
        "p.json");
    const JsonObject o(v, "p.json", "", {"s", "big", "half", "u", "names"});
    QCOMPARE(o.get_int_array("s", {}), (std::vector<int64_t>{1000, 28, 2}));
    std::string msg = error_of([&] { o.get_int_array("big", {}); });
    QVERIFY2(msg.find("big: element 0 (1e+17) is too large") != std::string::npos, msg.c_str());
    msg = error_of([&] { o.get_int_array("u", {}); });
    QVERIFY2(msg.find("u: element 0 (18446744073709551615) is too large") != std::string::npos,
             msg.c_str());
    msg = error_of([&] { o.get_int_array("half", {}); });
    QVERIFY2(msg.find("element 0 should be an integer, got 2.5") != std::string::npos, msg.c_str());
    QCOMPARE(o.get_string_array("names", {}), (std::vector<std::string>{"a", "b"}));
    msg = error_of([&] { o.get_string_array("s", {}); });
    QVERIFY2(msg.find("s: element 0 should be a string") != std::string::npos, msg.c_str());
  }
};

QTEST_APPLESS_MAIN(TestJsonNumbers)
#include "test_json_numbers.moc"
