// The first-launch hint floats at the top of the canvas; fitting the network into the canvas
// leaves room above it so the hint covers no layer (at 1280x720 it hid the Input card).
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include "ui/document/project_document.h"
#include "ui/editor/canvas_hint.h"
#include "ui/editor/network_scene.h"
#include "ui/editor/network_view.h"
#include "ui/editor/node_item.h"
#include "ui/main_window/file_actions.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/starter_project.h"
#include "ui/main_window/training_ui.h"

using namespace bp::ui;

class TestCanvasHintRoom : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("canvas-hint-room-test");
  }

  void hintCoversNoLayer() {
    QSettings().remove("hints");  // a first launch
    AppSettings().setWindowState({});
    AppSettings().setGeometry({});
    MainWindow window;
    TrainingUi training(&window);
    window.arrangeDefaultLayout();
    window.resize(1280, 720);
    window.fileActions()->openProject(starter_project());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* hint = window.findChild<CanvasHint*>();
    QVERIFY(hint);
    QTRY_VERIFY(hint->isVisible());
    NetworkView* view = window.networkView();
    view->fitAll();
    QTest::qWait(50);
    const QRect hint_rect = hint->geometry();  // in the view's coordinates
    int checked = 0;
    for (const auto& n : window.document()->network().nodes) {
      NodeItem* item = window.networkScene()->nodeItem(n.id);
      QVERIFY(item);
      const QRect card = view->mapFromScene(item->sceneBoundingRect()).boundingRect();
      const QRect in_view(view->viewport()->mapTo(view, card.topLeft()), card.size());
      QVERIFY2(!in_view.intersects(hint_rect),
               qPrintable(QString("%1 at y %2..%3 under the hint ending at y %4")
                              .arg(QString::fromStdString(n.name))
                              .arg(in_view.top())
                              .arg(in_view.bottom())
                              .arg(hint_rect.bottom())));
      ++checked;
    }
    QCOMPARE(checked, 4);
  }
};

QTEST_MAIN(TestCanvasHintRoom)
#include "test_canvas_hint_room.moc"
