// The explain-fool lesson's "show me: fool it" offscreen: after three epochs, the FGSM action puts
// a held-out digit on the drawing pad whose prediction the attack changed, while no pixel moved
// by more than epsilon (in the network's normalised input units); the pad's Undo brings back the
// clean digit with its original, correct prediction. Also: a lesson file's "fgsm_epsilon" is
// read, and a bad one is refused with its place in the file.
#include <QComboBox>
#include <QPushButton>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "engine/core/error.h"
#include "engine/lessons/lesson_reader.h"
#include "ui/lessons/lesson_panel.h"
#include "ui/lessons/lesson_player.h"
#include "ui/main_window/main_window.h"
#include "ui/main_window/training_ui.h"
#include "ui/training/training_controller.h"
#include "ui/views/drawing_pad_view.h"

using namespace bp;
using namespace bp::ui;

class TestLessonFgsm : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("BackpropStudioTest");
    QCoreApplication::setApplicationName("lesson-fgsm-test");
  }

  void fool_it_changes_the_shown_prediction_within_epsilon() {
    MainWindow window;
    TrainingUi training(&window);
    LessonPlayer player(&window, &training);
    window.arrangeDefaultLayout();
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* pace = window.findChild<QComboBox*>("PaceBox");
    QVERIFY(pace);
    pace->setCurrentIndex(pace->count() - 1);
    const int index = player.lessonIndex("explain-fool");
    QVERIFY(index >= 0);
    player.start(index);
    // Step 1: load LeNet-5, train 3 epochs.
    player.panel()->actionButtons()[1]->click();
    QTRY_COMPARE_WITH_TIMEOUT(player.epochsLeft(), 0, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->state() != TrainingController::State::Running,
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT(training.controller()->lastSnapshot() &&
                                 training.controller()->lastSnapshot()->images &&
                                 training.controller()->lastSnapshot()->epoch >= 3,
                             10000);
    // Step 3: "Show me: fool it".
    player.goToStep(2);
    const LessonStep& step = player.lesson().steps[2];
    int fgsm = -1;
    for (size_t a = 0; a < step.actions.size(); ++a)
      if (step.actions[a].kind == LessonActionKind::Fgsm) fgsm = static_cast<int>(a);
    QVERIFY(fgsm >= 0);
    const float eps = step.actions[static_cast<size_t>(fgsm)].epsilon;
    QCOMPARE(eps, 0.3f);
    player.panel()->actionButtons()[fgsm]->click();
    const FgsmDemo& d = player.lastFgsm();
    QVERIFY2(d.shown(), qPrintable(d.error));
    qInfo("tried %d fooled %d sample %d max %f", d.tried, d.fooled, d.sample, double(d.max_change));
    QVERIFY(d.tried > 0 && d.fooled > 0);
    auto* pad = window.findChild<DrawingPadView*>();
    QVERIFY(pad && pad->isVisible());
    // The pad shows the perturbed digit: its prediction differs from the clean digit's.
    QVERIFY(pad->hasPrediction());
    const int after = pad->predictedClass();
    QCOMPARE(after, d.after);
    const std::vector<uint8_t> perturbed = pad->pixels();
    pad->undo();
    const std::vector<uint8_t> clean = pad->pixels();
    QCOMPARE(pad->predictedClass(), d.before);
    QCOMPARE(d.before, d.label);  // a digit it got right
    QVERIFY2(after != d.before, qPrintable(QString("%1 -> %2").arg(d.before).arg(after)));
    // No pixel moved by more than epsilon in the network's input units (x = (v/255 - mean)/std).
    const auto& images = *training.controller()->lastSnapshot()->images;
    const float sd = images.input_std.empty() ? 1.0f : images.input_std[0];
    int moved = 0;
    for (size_t p = 0; p < clean.size(); ++p)
      moved = std::max(moved, std::abs(int(perturbed[p]) - int(clean[p])));
    const float max_change = static_cast<float>(moved) / 255.0f / sd;
    QVERIFY(moved > 0);
    QVERIFY2(max_change <= eps, qPrintable(QString::number(max_change)));
    QCOMPARE(max_change, d.max_change);
    QVERIFY(player.panel()->note().contains(QString::number(d.before)));
    // The next step shown clears the note.
    player.goToStep(1);
    QVERIFY(player.panel()->note().isEmpty());
  }

  void fgsm_actions_are_read_and_checked() {
    const std::string head = R"({"format": "backprop-studio-lesson", "version": 1, "id": "t",
      "title": "T", "what_you_will_see": "w", "claim": "c",
      "projects": [{"id": "p", "example": "lenet5-digits.json"}],
      "steps": [{"title": "s", "text": "t", "actions": [)";
    const ExampleSource examples = examples_from_folder(BP_SOURCE_DIR "/resources/examples");
    const auto lesson = [&](const std::string& action) {
      return parse_lesson(head + action + "]}]}", "t.json", examples);
    };
    Lesson l;
    try {
      l = lesson(R"({"label": "Fool it", "fgsm_epsilon": 0.25})");
    } catch (const std::exception& e) {
      QFAIL(e.what());
    }
    QCOMPARE(l.steps[0].actions[0].kind, LessonActionKind::Fgsm);
    QCOMPARE(l.steps[0].actions[0].epsilon, 0.25f);
    for (const char* bad :
         {R"({"label": "x", "fgsm_epsilon": 0})", R"({"label": "x", "fgsm_epsilon": -1})",
          R"({"label": "x", "fgsm_epsilon": 0.3, "reset": true})"}) {
      try {
        lesson(bad);
        QFAIL(bad);
      } catch (const Error& e) {
        QVERIFY2(QString(e.what()).contains("actions[0]"), e.what());
      }
    }
  }
};

QTEST_MAIN(TestLessonFgsm)
#include "test_lesson_fgsm.moc"
