// Presentation mode and the lesson player when several lessons are walked in ONE window (as a
// teacher does in class), offscreen: a lesson's messages (the clipping lesson's divergence
// warning) do not follow the class into the next lesson; leaving presentation mode gives back the
// exact layout it found, however often it is entered; and the large font reaches every widget of
// the window (docks, lesson panel, toolbar, widgets with their own font) and goes away on Esc.
#include <QAbstractScrollArea>
#include <QAction>
#include <QDockWidget>
#include <QMap>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QToolBar>
#include <QtTest>
#include <cstdlib>

#include "ui/lessons/lesson_panel.h"
#include "ui/lessons/lesson_player.h"
#include "ui/lessons/presentation_mode.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/widgets/message_banner.h"

using namespace bp;
using namespace bp::ui;

namespace {

// The geometry of every dock on screen (not a tab behind another), by object name.
QMap<QString, QRect> dock_geometries(const MainWindow& window) {
  QMap<QString, QRect> out;
  for (QDockWidget* d : window.findChildren<QDockWidget*>())
    if (d->isVisible() && !d->visibleRegion().isEmpty()) out[d->objectName()] = d->geometry();
  return out;
}

}  // namespace

class TestPresentationMode : public QObject {
  Q_OBJECT
 private slots:
  void init() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("presentation-test");
  }

  // Fault: the clipping lesson's divergence warning stayed on screen in every later lesson.
  void opening_a_lesson_clears_the_previous_messages() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.show();
    MessageBanner* banner = window.messageArea();
    QVERIFY(banner);
    const int clipping = player.lessonIndex("clipping");
    const int seeds = player.lessonIndex("seeds");
    QVERIFY(clipping >= 0 && seeds >= 0);
    player.start(clipping);
    // What the clipping lesson's exploding run leaves behind.
    banner->showMessage(MessageKind::Warning, "Training diverged at step 12 (epoch 1).");
    window.statusBar()->showMessage("Training diverged", 15000);
    QVERIFY(banner->isVisible());
    player.start(seeds);
    QVERIFY(!banner->isVisible());
    QVERIFY(window.statusBar()->currentMessage().isEmpty());
    // Restart and the lesson's own Reset action clear them too.
    banner->showMessage(MessageKind::Warning, "Training diverged at step 3 (epoch 1).");
    player.panel()->restartButton()->click();
    QVERIFY(!banner->isVisible());
    player.start(clipping);
    const Lesson& l = player.lesson();
    for (int s = 0; s < static_cast<int>(l.steps.size()); ++s) {
      const auto& actions = l.steps[static_cast<size_t>(s)].actions;
      for (int a = 0; a < static_cast<int>(actions.size()); ++a)
        if (actions[static_cast<size_t>(a)].kind == LessonActionKind::Reset) {
          player.goToStep(s);
          banner->showMessage(MessageKind::Warning, "Training diverged at step 4 (epoch 1).");
          player.runAction(a);
          QVERIFY(!banner->isVisible());
          return;
        }
    }
    QFAIL("the clipping lesson has no Reset action to check");
  }

  // Fault: after a few entries and exits the right dock column was pushed off screen.
  void leaving_restores_the_exact_layout_every_time() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.arrangeDefaultLayout();
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const char* id : {"explain-fool", "autoencoder", "lecun1989", "clipping", "seeds"}) {
      player.start(player.lessonIndex(id));
      // Settled: the lesson's panels have their sizes (the same for 300 ms; slow builds such as
      // the sanitizer one take longer than a fixed wait).
      QMap<QString, QRect> docks = dock_geometries(window);
      for (int stable = 0, tries = 0; stable < 3 && tries < 100; ++tries) {
        QTest::qWait(100);
        const QMap<QString, QRect> again = dock_geometries(window);
        stable = again == docks ? stable + 1 : 0;
        docks = again;
      }
      QVERIFY(docks.size() >= 3);
      const QRect frame = window.geometry();
      player.presentAction()->trigger();
      QVERIFY(player.presentation()->isActive());
      QTest::qWait(50);
      player.presentation()->leaveAction()->trigger();  // Esc
      QVERIFY(!player.presentation()->isActive());
      QTest::qWait(50);
      for (int i = 0; i < 20 && dock_geometries(window) != docks; ++i) QTest::qWait(100);
      QCOMPARE(window.geometry(), frame);
      const QMap<QString, QRect> now = dock_geometries(window);
      QVERIFY2(now.keys() == docks.keys(),
               qPrintable(QString("after %1 the docks shown are %2, were %3")
                              .arg(id, QStringList(now.keys()).join(' '),
                                   QStringList(docks.keys()).join(' '))));
      // Exact, but for a few pixels: on a loaded machine (several sanitizer-built test processes
      // on two cores) the docks came back 5-7 px higher (a bar's height settling after the
      // restore); the fault this guards against moved whole dock columns by hundreds of pixels,
      // more with every exit.
      auto close = [](const QRect& a, const QRect& b) {
        constexpr int kSlack = 12;
        return std::abs(a.x() - b.x()) <= kSlack && std::abs(a.y() - b.y()) <= kSlack &&
               std::abs(a.width() - b.width()) <= kSlack &&
               std::abs(a.height() - b.height()) <= kSlack;
      };
      for (auto it = docks.cbegin(); it != docks.cend(); ++it) {
        const QRect r = now[it.key()];
        QVERIFY2(close(r, it.value()),
                 qPrintable(QString("%1 after %2: (%3,%4 %5x%6), was (%7,%8 %9x%10)")
                                .arg(it.key(), id)
                                .arg(r.x())
                                .arg(r.y())
                                .arg(r.width())
                                .arg(r.height())
                                .arg(it.value().x())
                                .arg(it.value().y())
                                .arg(it.value().width())
                                .arg(it.value().height())));
        QVERIFY2(window.rect().contains(r), qPrintable(it.key() + " left the window"));
      }
    }
    // A lesson opened while presenting shows its panels, and leaving still restores the frame.
    const QRect frame = window.geometry();
    player.presentAction()->trigger();
    player.start(player.lessonIndex("explain-fool"));
    QVERIFY(player.presentation()->isActive());
    QVERIFY(window.findChild<QDockWidget*>("AttributionDock")->isVisible());
    player.presentation()->leaveAction()->trigger();
    QTest::qWait(50);
    QCOMPARE(window.geometry(), frame);
  }

  // Fault: the 1.6x font was missing in some captures (widgets with their own font kept it).
  void the_large_font_reaches_every_widget_and_goes_on_esc() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.arrangeDefaultLayout();
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const char* id : {"autoencoder", "lecun1989", "explain-fool"}) {
      player.start(player.lessonIndex(id));
      QTest::qWait(20);
      QMap<QWidget*, qreal> before;
      for (QWidget* w : window.findChildren<QWidget*>())
        if (w->isVisible()) before[w] = w->font().pointSizeF();
      QVERIFY(before.size() > 20);
      player.presentAction()->trigger();
      QTest::qWait(20);
      // Only the lesson's panels are shown, and the window fits a 1280x720 projector.
      QVERIFY2(window.minimumSizeHint().width() <= 1280 && window.minimumSizeHint().height() <= 720,
               qPrintable(QString("%1: the window needs %2x%3")
                              .arg(id)
                              .arg(window.minimumSizeHint().width())
                              .arg(window.minimumSizeHint().height())));
      int checked = 0;
      for (auto it = before.cbegin(); it != before.cend(); ++it) {
        QWidget* w = it.key();
        if (!window.findChildren<QWidget*>().contains(w) || !w->isVisible()) continue;
        QVERIFY2(w->font().pointSizeF() >= it.value() * 1.5,
                 qPrintable(QString("%1 (%2) in %3: %4 pt, was %5")
                                .arg(w->metaObject()->className(), w->objectName(), id)
                                .arg(w->font().pointSizeF())
                                .arg(it.value())));
        ++checked;
      }
      QVERIFY(checked > 20);
      // The lesson's text wraps to its dock: nothing in the panel (a long "show me" label in the
      // large font) makes it wider than the dock shows (the text was cut off at the right).
      for (int s = 0; s < static_cast<int>(player.lesson().steps.size()); ++s) {
        player.goToStep(s);
        QTest::qWait(10);
        auto* scroll = qobject_cast<QAbstractScrollArea*>(player.dock()->widget());
        QVERIFY(scroll);
        QVERIFY2(player.panel()->width() <= scroll->viewport()->width(),
                 qPrintable(QString("%1 step %2: panel %3 px, dock shows %4 px")
                                .arg(id)
                                .arg(s + 1)
                                .arg(player.panel()->width())
                                .arg(scroll->viewport()->width())));
      }
      player.goToStep(0);
      // The lesson panel's new buttons (a step shown while presenting) are large too.
      player.presentation()->nextKeyAction()->trigger();
      for (QWidget* b : player.panel()->findChildren<QWidget*>())
        if (b->isVisible()) QVERIFY(b->font().pointSizeF() >= QApplication::font().pointSizeF());
      player.presentation()->leaveAction()->trigger();  // Esc
      QTest::qWait(20);
      for (auto it = before.cbegin(); it != before.cend(); ++it) {
        QWidget* w = it.key();
        if (!window.findChildren<QWidget*>().contains(w)) continue;
        QVERIFY2(qFuzzyCompare(w->font().pointSizeF(), it.value()),
                 qPrintable(QString("%1 (%2) after Esc in %3: %4 pt, was %5")
                                .arg(w->metaObject()->className(), w->objectName(), id)
                                .arg(w->font().pointSizeF())
                                .arg(it.value())));
      }
    }
  }
};

QTEST_MAIN(TestPresentationMode)
#include "test_presentation_mode.moc"
