// Needs no GPU: the CUDA module built by this tree loads with dlopen, exports its entry point, and
// either creates a working backend (on a machine with a device) or refuses with a reason (no
// driver, no device) without crashing or exiting. The app's selection follows: `auto` falls back
// to the CPU with a notice, `cuda` throws bp::Error naming the reason.
#include <dlfcn.h>

#include <cstring>

#include <QtTest>

#include "tests/gpu/cuda_test_support.h"

using namespace bp;

class CudaModule : public QObject {
  Q_OBJECT

 private slots:
  void module_exports_its_entry_point() {
    void* h = dlopen(BP_BIN_DIR "/libbp_cuda_backend.so", RTLD_NOW | RTLD_LOCAL);
    QVERIFY2(h != nullptr, dlerror());
    using CreateFn = Backend* (*)(int, char*, int);
    auto create = reinterpret_cast<CreateFn>(dlsym(h, "bp_create_cuda_backend"));
    QVERIFY(create != nullptr);
    // Nothing else is exported: the engine code compiled into the module stays private.
    QVERIFY(dlsym(h, "_ZNK2bp6Tensor4viewERKNS_5ShapeE") == nullptr);
    char error[512] = {0};
    Backend* b = create(1, error, sizeof error);
    if (b) {
      QCOMPARE(b->kind(), BackendKind::Cuda);
      QVERIFY(!b->description().empty());
      delete b;
    } else {
      QVERIFY2(std::strlen(error) > 0, "a refusal must say why");
      qInfo("refused as expected here: %s", error);
    }
    // Asking twice works as well (no sticky state from the first attempt).
    Backend* again = create(1, error, sizeof error);
    QCOMPARE(again != nullptr, b != nullptr);
    delete again;
  }

  void selection_falls_back_or_refuses_cleanly() {
    gputest::locate_module();
    const auto probed = app::probe_backends();
    QCOMPARE(probed.size(), size_t{2});
    QVERIFY(probed[0].available);
    const bool have_gpu = probed[1].available;
    QVERIFY(!probed[1].description.empty());
    app::BackendSelection automatic = app::create_backend(app::BackendChoice::Auto, 1);
    QVERIFY(automatic.backend != nullptr);
    if (have_gpu) {
      QCOMPARE(automatic.backend->kind(), BackendKind::Cuda);
      QVERIFY(automatic.notice.empty());
    } else {
      QCOMPARE(automatic.backend->kind(), BackendKind::Cpu);
      QVERIFY(automatic.notice.find("CPU") != std::string::npos);
      QVERIFY_THROWS_EXCEPTION(Error, app::create_backend(app::BackendChoice::Cuda, 1));
    }
  }
};

QTEST_APPLESS_MAIN(CudaModule)
#include "test_cuda_module.moc"
