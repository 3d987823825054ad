#pragma once
// Errors at the engine's edges (files, user-built networks, configs) are thrown as bp::Error with
// a message a user can act on ("spiral.csv line 12, column 3: 'abc' is not a number").
// Library code never exits the process; callers (CLI, GUI worker) catch and report.
#include <stdexcept>
#include <string>

namespace bp {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A problem with one node of a user's network, reported instead of thrown (the editor shows it).
struct Diagnostic {
  int node_id = -1;  // -1: the network as a whole
  std::string message;
};

}  // namespace bp
