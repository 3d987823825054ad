// File > Import ONNX… without its dialog (FileActions::importOnnxPath): a PyTorch-made model (the
// fuzz seed tests/fuzz/corpus/onnx/mlp.onnx: Linear 2-3, Tanh, Linear 3-2) opens as an untitled
// project with its weights, laid out as the editor's Auto-layout lays it out; a file that is not
// ONNX leaves the document alone and says why.
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

#include "ui/document/commands/auto_layout.h"
#include "ui/document/project_document.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/starter_project.h"

using namespace bp;
using namespace bp::ui;

class TestImportOnnxAction : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("import-onnx-test");
  }

  void importsALaidOutProjectWithWeights() {
    AppSettings settings;
    QWidget window;
    ProjectDocument doc;
    FileActions files(&doc, &window, &settings);
    files.openProject(builtin_spiral_project());
    QSignalSpy loaded(&files, &FileActions::projectLoaded);
    QString error;
    QStringList notes;
    const QString model = QString(BP_SOURCE_DIR) + "/tests/fuzz/corpus/onnx/mlp.onnx";
    QVERIFY2(files.importOnnxPath(model, &error, &notes), qPrintable(error));
    QCOMPARE(loaded.count(), 1);
    const NetworkSpec& net = doc.network();
    QCOMPARE(net.nodes.size(), size_t{3});  // input, Linear(Tanh), Linear
    QCOMPARE(doc.project().weights.size(), size_t{4});
    QVERIFY(doc.filePath().isEmpty());  // untitled: Save asks where
    QCOMPARE(QString::fromStdString(doc.project().name), QString("mlp"));
    for (const auto& [id, p] : AutoLayout::compute(net)) {
      QCOMPARE(net.find(id)->x, p.x());
      QCOMPARE(net.find(id)->y, p.y());
    }
    QVERIFY(!notes.isEmpty());  // which data set it chose
  }

  void aFileThatIsNotOnnxChangesNothing() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.onnx");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("definitely not a model");
    f.close();
    AppSettings settings;
    ProjectDocument doc;
    FileActions files(&doc, nullptr, &settings);
    files.openProject(builtin_spiral_project());
    const NetworkSpec before = doc.network();
    QString error;
    QVERIFY(!files.importOnnxPath(bad, &error));
    QVERIFY2(error.contains("bad.onnx") && error.contains("not a valid ONNX model"),
             qPrintable(error));
    QVERIFY(doc.network() == before);
  }
};

QTEST_MAIN(TestImportOnnxAction)
#include "test_import_onnx_action.moc"
