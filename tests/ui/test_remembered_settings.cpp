// What the studio remembers across launches, on a 1280x720 screen (the offscreen platform is
// configured with one): a window saved at 1600x1000 on a larger screen comes back fitting this
// one with usable docks; a window saved on this same screen comes back exactly where it was; the
// pace the user picked is the pace of the next launch.
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/main_window/fit_onto_screen.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/settings.h"
#include "ui/main_window/studio_docks.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/pace.h"
#include "ui/training/training_controller.h"

using namespace bp::ui;

class TestRememberedSettings : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void fitOntoScreenRule();
  void savedOnLargerScreenFitsThisOne();
  void savedOnThisScreenIsKeptExactly();
  void paceIsRemembered();
};

namespace {

// The geometry bytes of a window of `rect` (client area), as closeEvent saves them.
QByteArray geometry_of(const QRect& rect) {
  QMainWindow w;
  w.setGeometry(rect);
  return w.saveGeometry();
}

QString text(const QRect& r) {
  return QString("%1x%2+%3+%4").arg(r.width()).arg(r.height()).arg(r.x()).arg(r.y());
}

}  // namespace

void TestRememberedSettings::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("BackpropStudioTest");
  QCoreApplication::setApplicationName("remembered-settings-test");
  const QScreen* screen = QGuiApplication::primaryScreen();
  QVERIFY(screen);
  // main() configured the offscreen screen: the test means nothing on an 800x600 default.
  QCOMPARE(screen->geometry().size(), QSize(1280, 720));
}

void TestRememberedSettings::fitOntoScreenRule() {
  const QRect screen(0, 0, 1280, 720);
  // Fits: unchanged.
  QCOMPARE(fit_onto_screen({10, 10, 800, 600}, {12, 40, 796, 568}, screen),
           QRect(12, 40, 796, 568));
  // 1600x1000 with a 2 px border and a 28 px title: the frame ends inside the screen.
  const QRect frame(100, 50, 1604, 1030), client(102, 78, 1600, 1000);
  const QRect fitted = fit_onto_screen(frame, client, screen);
  QCOMPARE(fitted.size(), QSize(1276, 690));
  const QRect fitted_frame = fitted.adjusted(-2, -28, 2, 2);
  QVERIFY2(screen.contains(fitted_frame), qPrintable(text(fitted_frame)));
  // A small window off the right edge slides back in and keeps its size.
  QCOMPARE(fit_onto_screen({1200, 100, 400, 300}, {1200, 100, 400, 300}, screen),
           QRect(880, 100, 400, 300));
}

void TestRememberedSettings::savedOnLargerScreenFitsThisOne() {
  AppSettings settings;
  settings.setGeometry(geometry_of({0, 0, 1600, 1000}));
  settings.setGeometryScreenSize({1600, 1000});
  {
    // The dock layout of that larger window, with the curves closed.
    settings.setGeometry({});
    MainWindow big;
    TrainingUi big_training(&big);
    big.arrangeDefaultLayout();
    big.resize(1600, 1000);
    big.show();
    QVERIFY(QTest::qWaitForWindowExposed(&big));
    QDockWidget* curves = big.findChild<QDockWidget*>("CurvesDock");
    QVERIFY(curves);
    curves->close();
    QVERIFY(!curves->isVisible());
    settings.setWindowState(big.saveState(MainWindow::kLayoutVersion));
    big.hide();
  }
  settings.setGeometry(geometry_of({0, 0, 1600, 1000}));
  settings.setGeometryScreenSize({1600, 1000});
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTest::qWait(100);  // the deferred usability check
  const QRect available = window.screen()->availableGeometry();
  QVERIFY2(available.contains(window.frameGeometry()),
           qPrintable(text(window.frameGeometry()) + " on " + text(available)));
  // Not shrunk further than the screen asks.
  QVERIFY2(window.width() >= 1200 && window.height() >= 640, qPrintable(text(window.geometry())));
  // Its layout was made for the other screen: the default one, sized for this screen, instead
  // (the curves are back).
  QVERIFY(window.findChild<QDockWidget*>("CurvesDock")->isVisible());
  const auto unusable = unusable_docks(window);
  QStringList names;
  for (QDockWidget* d : unusable) names << d->objectName();
  QVERIFY2(unusable.empty(), qPrintable(names.join(", ")));
  window.close();
  // Closing records this screen with the geometry.
  QCOMPARE(AppSettings().geometryScreenSize(), available.size());
}

void TestRememberedSettings::savedOnThisScreenIsKeptExactly() {
  const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
  AppSettings settings;
  // Larger than the screen, but saved on it: left as the user had it.
  const QRect saved(0, 0, 1400, 700);
  settings.setGeometry(geometry_of(saved));
  settings.setGeometryScreenSize(screen);
  settings.setWindowState({});
  MainWindow window;
  TrainingUi training(&window);
  window.arrangeDefaultLayout();
  QCOMPARE(window.size(), saved.size());
  // Saved on a larger screen, the same geometry is brought onto this one.
  settings.setGeometryScreenSize({1600, 1000});
  MainWindow moved;
  TrainingUi moved_training(&moved);
  moved.arrangeDefaultLayout();
  QVERIFY2(moved.width() <= screen.width(), qPrintable(text(moved.geometry())));
}

void TestRememberedSettings::paceIsRemembered() {
  const auto& presets = pace_presets();
  const Pace chosen = presets[1];
  QVERIFY(!(chosen == default_pace()));
  AppSettings().setPace(default_pace());
  {
    MainWindow window;
    TrainingUi training(&window);
    QCOMPARE(training.controller()->pace(), default_pace());
    // The user picks a pace in the toolbar (activated: a user's choice, not a program's).
    QComboBox* box = training.paceBox();
    box->setCurrentIndex(1);
    emit box->activated(1);
    QCOMPARE(training.controller()->pace(), chosen);
  }
  MainWindow window;
  TrainingUi training(&window);
  QCOMPARE(training.controller()->pace(), chosen);
  QCOMPARE(training.paceBox()->currentIndex(), 1);
  // A pace the settings hold but the toolbar no longer offers falls back to the default.
  QSettings().setValue("training/pace_steps_per_second", 12345);
  QVERIFY(!AppSettings().pace().has_value());
}

// The offscreen platform with one 1280x720 screen (its default is 800x600).
int main(int argc, char** argv) {
  QTemporaryDir dir;
  const QString config = dir.filePath("screens.json");
  QFile f(config);
  if (!f.open(QIODevice::WriteOnly)) return 1;
  f.write(R"({"screens": [{"name": "small", "x": 0, "y": 0, "width": 1280, "height": 720,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
  f.close();
  qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
  QApplication app(argc, argv);
  TestRememberedSettings test;
  QTEST_SET_MAIN_SOURCE_PATH
  return QTest::qExec(&test, argc, argv);
}

#include "test_remembered_settings.moc"
