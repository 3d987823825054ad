// Opening a bundled example (as Examples does) does not mark the project modified: no panel
// writes a value back, no preview touches the weights. Also a CNN example shows the neuron view's
// placeholder pointing to the feature maps.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QStandardPaths>
#include <QtTest>

#include "engine/io/project.h"
#include "ui/document/project_document.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/views/neuron_view.h"

using namespace bp::ui;

class TestExamplesUnmodified : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("examples-test");
  }
  void openingAnExampleLeavesItUnmodified();
};

void TestExamplesUnmodified::openingAnExampleLeavesItUnmodified() {
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  const QStringList names = QDir(":/examples").entryList({"*.json"}, QDir::Files, QDir::Name);
  QVERIFY(names.size() >= 5);
  for (const QString& name : names) {
    QFile f(":/examples/" + name);
    QVERIFY(f.open(QIODevice::ReadOnly));
    window.fileActions()->openProject(
        bp::parse_project(f.readAll().toStdString(), name.toStdString()));
    QTest::qWait(400);  // the panels load it, the preview builds the model
    QVERIFY2(!window.document()->isModified(),
             qPrintable(name + ": " + window.document()->undoStack()->text(0) +
                        QString(" undo=%1 clean=%2 weights=%3")
                            .arg(window.document()->undoStack()->count())
                            .arg(window.document()->undoStack()->isClean())
                            .arg(window.document()->weights().size())));
    QVERIFY2(!window.isWindowModified(), qPrintable(name));
    // A CNN example: the neuron view points to the feature maps instead of staying blank.
    if (name.startsWith("lenet5"))
      QVERIFY2(training.neuronView()->placeholderText().contains("Feature maps"), qPrintable(name));
    if (name == "spiral.json") QVERIFY(training.neuronView()->placeholderText().isEmpty());
  }
}

QTEST_MAIN(TestExamplesUnmodified)
#include "test_examples_unmodified.moc"
