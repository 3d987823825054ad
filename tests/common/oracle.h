#pragma once
// Test oracles: what a test compares the engine with that lives outside this repository
// (PyTorch and NumPy under /usr/bin/python3, a Debian data package). `./studio test` installs
// them (the launcher's TEST_PACKAGES). A test asks for its oracle with BP_REQUIRE_ORACLE:
// - under CI (CI=true) a missing oracle FAILS the test, with a message naming the package;
// - elsewhere the test function is skipped (QSKIP) and the executable exits with
//   kOracleSkipExitCode, which ctest reports as "Skipped" (SKIP_RETURN_CODE, set for every test
//   in tests/CMakeLists.txt) unless another function failed — never a silent pass.
// A test file that uses BP_REQUIRE_ORACLE ends with BP_ORACLE_TEST_MAIN (QCoreApplication) or
// BP_ORACLE_TEST_APPLESS_MAIN instead of QTEST_GUILESS_MAIN / QTEST_APPLESS_MAIN.
#include <QByteArray>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

namespace bp::test {

// Above QtTest's exit codes (the failure count, capped at 127), so a failure is never read as a
// skip.
inline constexpr int kOracleSkipExitCode = 200;

// CI sets CI=true (GitHub, GitLab and .ci/run do); "false", "0" or unset mean a developer machine.
inline bool in_ci() {
  const QString ci = qEnvironmentVariable("CI").trimmed().toLower();
  return !ci.isEmpty() && ci != "false" && ci != "0";
}

inline bool& oracle_was_skipped() {
  static bool skipped = false;
  return skipped;
}

// Whether Debian's /usr/bin/python3 imports every module (the python3 first on PATH may be
// another interpreter that cannot see Debian's packages).
inline bool python_imports(const QStringList& modules) {
  if (!QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable()) return false;
  QProcess p;
  p.start(QStringLiteral("/usr/bin/python3"), {"-c", "import " + modules.join(", ")});
  return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

inline QByteArray missing_oracle_message(const QString& what, const QString& package) {
  return QString("%1 is missing (Debian package %2; `./studio test` installs it)%3")
      .arg(what, package,
           in_ci() ? QString(": under CI a missing oracle fails the test")
                   : QString(": skipped here, it fails under CI=true"))
      .toUtf8();
}

// The exit status of a test executable: QtTest's failure count, or kOracleSkipExitCode when
// nothing failed and an oracle was missing.
inline int oracle_exit_code(int failures) {
  return failures == 0 && oracle_was_skipped() ? kOracleSkipExitCode : failures;
}

}  // namespace bp::test

// Fails (CI) or skips (elsewhere) the current test function unless `available` holds.
#define BP_REQUIRE_ORACLE(available, what, package)                                          \
  do {                                                                                       \
    if (!(available)) {                                                                      \
      const QByteArray bp_oracle_message_ = bp::test::missing_oracle_message(what, package); \
      if (bp::test::in_ci()) QFAIL(bp_oracle_message_.constData());                          \
      bp::test::oracle_was_skipped() = true;                                                 \
      QSKIP(bp_oracle_message_.constData());                                                 \
    }                                                                                        \
  } while (false)

#define BP_ORACLE_TEST_MAIN_WRAPPER(TestObject, ...)                  \
  int main(int argc, char* argv[]) {                                  \
    __VA_ARGS__                                                       \
    TestObject tc;                                                    \
    QTEST_SET_MAIN_SOURCE_PATH                                        \
    return bp::test::oracle_exit_code(QTest::qExec(&tc, argc, argv)); \
  }

#define BP_ORACLE_TEST_MAIN(TestObject) \
  BP_ORACLE_TEST_MAIN_WRAPPER(TestObject, QCoreApplication app(argc, argv);)
#define BP_ORACLE_TEST_APPLESS_MAIN(TestObject) BP_ORACLE_TEST_MAIN_WRAPPER(TestObject)
