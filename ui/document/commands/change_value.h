#pragma once
// ChangeValue: an undoable replacement of one whole value of the document (the training config,
// the dataset spec), read and written through the document's getter and mutator. Consecutive
// changes of the same type with the same non-negative merge id (a slider scrub, typing in a spin
// box) merge into one undo step.
#include <QString>
#include <QUndoCommand>

#include "ui/document/project_document.h"

namespace bp::ui {

template <class T, const T& (ProjectDocument::*Get)() const, void (ProjectDocument::*Set)(const T&)>
class ChangeValue : public QUndoCommand {
 public:
  ChangeValue(ProjectDocument* doc, const T& after, const QString& text, int merge_id = -1)
      : doc_(doc), before_((doc->*Get)()), after_(after), merge_id_(merge_id) {
    setText(text);
  }
  void undo() override { (doc_->*Set)(before_); }
  void redo() override { (doc_->*Set)(after_); }
  int id() const override { return merge_id_; }
  bool mergeWith(const QUndoCommand* other) override {
    // Merge ids are per command type: another type with the same id never merges.
    const auto* same = dynamic_cast<const ChangeValue*>(other);
    if (!same || merge_id_ < 0 || same->merge_id_ != merge_id_) return false;
    after_ = same->after_;
    return true;
  }

 private:
  ProjectDocument* doc_;
  T before_, after_;
  int merge_id_;
};

}  // namespace bp::ui
