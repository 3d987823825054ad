#pragma once
// TrainingPanel: the training dock, in collapsible sections: the essentials first (optimizer,
// learning rate, batch size, epochs), then the optimizer's other hyperparameters (only those the
// chosen optimizer reads are visible), the schedule, regularizers, data and batches (summary,
// loss, batch presets) and the run (seed, threads, backend). Every control has a tooltip that
// explains the concept; every edit is a SetTrainConfig undo command (spin boxes merge their
// steps). The mouse wheel scrolls the panel; it changes a control only once clicked into. A value
// typed above a field's range is set to the largest allowed and the panel says so.
#include <QStringList>
#include <QWidget>
#include <functional>
#include <vector>

#include "engine/backend/backend.h"
#include "engine/train/train_config.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace bp::ui {

class ProjectDocument;
class CollapsibleSection;

class TrainingPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPanel(ProjectDocument* doc, QWidget* parent = nullptr);

  // Re-reads every control from the document (called on its signals).
  void reload();
  QComboBox* optimizerCombo() const { return optimizer_; }
  QComboBox* batchPresetCombo() const { return batch_preset_; }
  // Widget of a field by its hyperparameter name ("lr", "momentum", "batch_size", ...).
  QWidget* field(const QString& name) const;
  bool isFieldVisible(const QString& name) const;
  // The section titles, top to bottom, and one section by title (null when none).
  QStringList sectionTitles() const;
  CollapsibleSection* section(const QString& title) const;
  QScrollArea* scrollArea() const { return scroll_; }
  // The out-of-range message shown now (empty when none).
  QString rangeMessageText() const;

 signals:
  void backendChosen(bp::BackendKind kind);
  // A value was typed above a field's range (the text says which and what was kept).
  void rangeMessage(QString text);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Field {
    QString name;
    QFormLayout* form = nullptr;
    QWidget* widget = nullptr;
    std::function<void(const TrainConfig&)> load;
    std::function<bool(const TrainConfig&)> visible;  // null: always
  };
  using Edit = std::function<void(TrainConfig&)>;

  QFormLayout* addGroup(QVBoxLayout* lay, const QString& title, bool expanded);
  void guardWheel(QWidget* w);
  void showRangeMessage(const QString& text);
  void push(const QString& text, int merge_id, const Edit& edit);
  void addDouble(QFormLayout* form, const QString& name, const QString& label, const QString& tip,
                 double lo, double hi, int decimals, double step,
                 std::function<double(const TrainConfig&)> get,
                 std::function<void(TrainConfig&, double)> set,
                 std::function<bool(const TrainConfig&)> visible = nullptr);
  void addInt(QFormLayout* form, const QString& name, const QString& label, const QString& tip,
              int lo, int hi, std::function<int(const TrainConfig&)> get,
              std::function<void(TrainConfig&, int)> set,
              std::function<bool(const TrainConfig&)> visible = nullptr);
  void addBool(QFormLayout* form, const QString& name, const QString& label, const QString& tip,
               std::function<bool(const TrainConfig&)> get,
               std::function<void(TrainConfig&, bool)> set,
               std::function<bool(const TrainConfig&)> visible = nullptr);
  // A combo box entry: the enum value (or preset index) is stored in the item's data.
  struct ComboItem {
    QString text, tip;
    int value;
  };
  void addCombo(QFormLayout* form, const QString& name, const QString& label, const QString& tip,
                const std::vector<ComboItem>& items, std::function<int(const TrainConfig&)> get,
                std::function<void(TrainConfig&, int)> set, QComboBox** out = nullptr);
  // One row per hyperparameter of the optimizer (schedule) table, visible when the chosen kind
  // reads it.
  // The learning rate goes to `common`, the other hyperparameters to `form`.
  void addOptimizerFields(QFormLayout* common, QFormLayout* form);
  void addScheduleFields(QFormLayout* form);
  void addHyperRow(QFormLayout* form, const QString& name, const QString& label, const QString& tip,
                   bool is_bool, bool is_int, double lo, double hi, int decimals, double step,
                   std::function<double(const TrainConfig&)> get,
                   std::function<void(TrainConfig&, double)> set,
                   std::function<bool(const TrainConfig&)> visible);
  int estimatedTrainSize() const;
  void updateSummary();

  ProjectDocument* doc_;
  std::vector<Field> fields_;
  std::vector<CollapsibleSection*> sections_;
  QScrollArea* scroll_ = nullptr;
  QLabel* range_message_ = nullptr;
  QLabel* summary_ = nullptr;
  QComboBox* optimizer_ = nullptr;
  QComboBox* batch_preset_ = nullptr;
  QComboBox* backend_ = nullptr;
  int next_field_ = 0;  // index of the next numeric field (its undo merge id)
  bool loading_ = false;
};

}  // namespace bp::ui
