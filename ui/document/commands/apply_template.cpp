#include "ui/document/commands/apply_template.h"

#include "ui/document/project_document.h"

namespace bp::ui {

ApplyTemplate::ApplyTemplate(ProjectDocument* doc, const NetworkSpec& network, const QString& name)
    : doc_(doc), before_(doc->network()), after_(network) {
  setText(QObject::tr("Apply template \"%1\"").arg(name));
}

void ApplyTemplate::redo() {
  doc_->replaceNetwork(after_);
}
void ApplyTemplate::undo() {
  doc_->replaceNetwork(before_);
}

}  // namespace bp::ui
