#include "ui/main_window/studio_host.h"

namespace bp::ui {

StudioHost::~StudioHost() = default;

}  // namespace bp::ui
