#include "ui/lessons/lesson_library.h"

#include <QDir>
#include <QFile>

#include "engine/core/error.h"
#include "engine/lessons/lesson_reader.h"

namespace bp::ui {
namespace {

std::string read_resource(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) throw Error(path.toStdString() + ": not bundled");
  return f.readAll().toStdString();
}

struct ControlRow {
  const char* name;
  const char* dock;
};
constexpr ControlRow kControls[] = {
    {"layers", "LayersDock"},
    {"inspector", "InspectorDock"},
    {"dataset", "DatasetDock"},
    {"training", "TrainingDock"},
};

}  // namespace

std::vector<Lesson> bundled_lessons(QStringList* errors) {
  std::vector<Lesson> out;
  const ExampleSource examples = [](const std::string& name) {
    return read_resource(":/examples/" + QString::fromStdString(name));
  };
  const QStringList files = QDir(":/lessons").entryList({"*.json"}, QDir::Files, QDir::Name);
  for (const QString& file : files) {
    try {
      out.push_back(parse_lesson(read_resource(":/lessons/" + file), file.toStdString(), examples));
    } catch (const std::exception& e) {
      if (errors) errors->append(QString::fromUtf8(e.what()));
    }
  }
  return out;
}

QString lesson_control_dock(const QString& control) {
  for (const auto& row : kControls)
    if (control == QLatin1String(row.name)) return QString::fromLatin1(row.dock);
  return {};
}

QStringList lesson_control_names() {
  QStringList names;
  for (const auto& row : kControls) names << QString::fromLatin1(row.name);
  return names;
}

}  // namespace bp::ui
