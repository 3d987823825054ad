#include "app/cli/health_lines.h"

namespace bp::cli {

std::string format_health_finding(const HealthFinding& f) {
  return std::string("health [") + to_string(f.kind) + "] epoch " + std::to_string(f.epoch) + ": " +
         f.message + "\n       try: " + f.suggestion + "\n";
}

}  // namespace bp::cli
