// Backend selection without the CUDA module: the CPU always works, "auto" falls back with a
// notice, "cuda" is a clear error — the app never fails to start for lack of a GPU.
#include <QtTest>

#include "app/common/backends.h"
#include "engine/core/error.h"

using namespace bp;

class TestBackendSelection : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { qputenv("BP_CUDA_MODULE", "/nonexistent/libbp_cuda_backend.so"); }

  void cpu_always_available() {
    auto sel = app::create_backend(app::BackendChoice::Cpu, 1);
    QVERIFY(sel.backend);
    QCOMPARE(sel.backend->kind(), BackendKind::Cpu);
    QVERIFY(sel.notice.empty());
    QVERIFY(QString::fromStdString(sel.backend->description()).startsWith("CPU"));
  }

  void auto_falls_back_to_cpu_with_a_notice() {
    if (app::probe_backends().at(1).available) QSKIP("a CUDA device is present on this machine");
    auto sel = app::create_backend(app::BackendChoice::Auto, 1);
    QVERIFY(sel.backend);
    QCOMPARE(sel.backend->kind(), BackendKind::Cpu);
    QVERIFY(!sel.notice.empty());
  }

  void cuda_unavailable_is_an_error_with_a_reason() {
    if (app::probe_backends().at(1).available) QSKIP("a CUDA device is present on this machine");
    try {
      app::create_backend(app::BackendChoice::Cuda, 1);
      QFAIL("expected bp::Error");
    } catch (const Error& e) {
      QVERIFY(QString(e.what()).contains("CUDA backend is not available"));
    }
  }

  void parse_choice() {
    QCOMPARE(app::parse_backend_choice("auto"), app::BackendChoice::Auto);
    QVERIFY_THROWS_EXCEPTION(Error, app::parse_backend_choice("tpu"));
  }
};

QTEST_APPLESS_MAIN(TestBackendSelection)
#include "test_backend_selection.moc"
