#include "ui/document/commands/edit_network.h"

#include "ui/document/project_document.h"

namespace bp::ui {

EditNetwork::EditNetwork(ProjectDocument* doc, const NetworkSpec& after, const QString& text)
    : doc_(doc), before_(doc->network()), after_(after) {
  setText(text);
}

void EditNetwork::redo() {
  doc_->replaceNetwork(after_);
}

void EditNetwork::undo() {
  doc_->replaceNetwork(before_);
}

}  // namespace bp::ui
